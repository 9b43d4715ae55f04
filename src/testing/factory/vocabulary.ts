/**
 * The small vocabularies the factories draw from: protein functions with their gene symbols, COG
 * categories and EC numbers, RNA genes, and the Sequence Ontology terms Bakta writes.
 *
 * @module
 */

/** One protein function: a product with its usual gene symbol, COG category and EC number. */
export interface ProteinFunction {
  /** The product description, as Bakta writes it. */
  product: string;
  /** The gene symbol, where the function has a usual one. */
  gene?: string;
  /** The one-letter COG functional category. */
  cogCategory: string;
  /** The EC number, for enzymes. */
  ec?: string;
  /** GO terms (without the `GO:` prefix). */
  go: readonly string[];
}

/** Protein functions found in most bacterial genomes. */
export const PROTEIN_FUNCTIONS: readonly ProteinFunction[] = [
  {
    product: "Chromosomal replication initiator protein DnaA",
    gene: "dnaA",
    cogCategory: "L",
    go: ["0006270", "0005524"],
  },
  {
    product: "DNA polymerase III subunit beta",
    gene: "dnaN",
    cogCategory: "L",
    ec: "2.7.7.7",
    go: ["0006260"],
  },
  {
    product: "DNA gyrase subunit B",
    gene: "gyrB",
    cogCategory: "L",
    ec: "5.6.2.2",
    go: ["0006265", "0003918"],
  },
  {
    product: "DNA gyrase subunit A",
    gene: "gyrA",
    cogCategory: "L",
    ec: "5.6.2.2",
    go: ["0006265"],
  },
  { product: "Recombinase RecA", gene: "recA", cogCategory: "L", go: ["0006281", "0003697"] },
  {
    product: "DNA-directed RNA polymerase subunit beta",
    gene: "rpoB",
    cogCategory: "K",
    ec: "2.7.7.6",
    go: ["0006351"],
  },
  { product: "RNA polymerase sigma factor RpoD", gene: "rpoD", cogCategory: "K", go: ["0016987"] },
  { product: "Transcriptional regulator, MarR family", cogCategory: "K", go: ["0003700"] },
  { product: "HTH-type transcriptional regulator", cogCategory: "K", go: ["0003677"] },
  {
    product: "50S ribosomal protein L2",
    gene: "rplB",
    cogCategory: "J",
    go: ["0003735", "0005840"],
  },
  { product: "30S ribosomal protein S12", gene: "rpsL", cogCategory: "J", go: ["0003735"] },
  { product: "Elongation factor Tu", gene: "tuf", cogCategory: "J", go: ["0003746"] },
  {
    product: "Translation initiation factor IF-2",
    gene: "infB",
    cogCategory: "J",
    go: ["0003743"],
  },
  {
    product: "Glutamine synthetase",
    gene: "glnA",
    cogCategory: "E",
    ec: "6.3.1.2",
    go: ["0006542"],
  },
  {
    product: "Aspartate aminotransferase",
    gene: "aspC",
    cogCategory: "E",
    ec: "2.6.1.1",
    go: ["0008483"],
  },
  { product: "ABC transporter ATP-binding protein", cogCategory: "V", go: ["0005524", "0016887"] },
  { product: "ABC transporter permease", cogCategory: "V", go: ["0016020"] },
  {
    product: "Glyceraldehyde-3-phosphate dehydrogenase",
    gene: "gapA",
    cogCategory: "G",
    ec: "1.2.1.12",
    go: ["0006096"],
  },
  { product: "Enolase", gene: "eno", cogCategory: "G", ec: "4.2.1.11", go: ["0006096"] },
  { product: "Pyruvate kinase", gene: "pyk", cogCategory: "G", ec: "2.7.1.40", go: ["0006096"] },
  {
    product: "Phosphoglycerate kinase",
    gene: "pgk",
    cogCategory: "G",
    ec: "2.7.2.3",
    go: ["0006096"],
  },
  {
    product: "ATP synthase subunit alpha",
    gene: "atpA",
    cogCategory: "C",
    ec: "7.1.2.2",
    go: ["0015986"],
  },
  { product: "NADH dehydrogenase", cogCategory: "C", ec: "1.6.99.3", go: ["0016491"] },
  { product: "Cell division protein FtsZ", gene: "ftsZ", cogCategory: "D", go: ["0051301"] },
  { product: "Penicillin-binding protein 2B", gene: "penA", cogCategory: "M", go: ["0008658"] },
  {
    product: "UDP-N-acetylglucosamine 1-carboxyvinyltransferase",
    gene: "murA",
    cogCategory: "M",
    ec: "2.5.1.7",
    go: ["0008760"],
  },
  { product: "Capsular polysaccharide biosynthesis protein", cogCategory: "M", go: ["0045226"] },
  { product: "Chaperone protein DnaK", gene: "dnaK", cogCategory: "O", go: ["0006457"] },
  {
    product: "ATP-dependent Clp protease proteolytic subunit",
    gene: "clpP",
    cogCategory: "O",
    ec: "3.4.21.92",
    go: ["0006508"],
  },
  { product: "Thioredoxin", gene: "trxA", cogCategory: "O", go: ["0045454"] },
  { product: "Sensor histidine kinase", cogCategory: "T", ec: "2.7.13.3", go: ["0000155"] },
  { product: "Response regulator", cogCategory: "T", go: ["0000160"] },
  { product: "Iron ABC transporter substrate-binding protein", cogCategory: "P", go: ["0006826"] },
  { product: "Potassium transporter", cogCategory: "P", go: ["0006813"] },
  {
    product: "Dihydrofolate reductase",
    gene: "folA",
    cogCategory: "H",
    ec: "1.5.1.3",
    go: ["0004146"],
  },
  { product: "Acyl carrier protein", gene: "acpP", cogCategory: "I", go: ["0006633"] },
  {
    product: "3-oxoacyl-[acyl-carrier-protein] synthase 2",
    gene: "fabF",
    cogCategory: "I",
    ec: "2.3.1.179",
    go: ["0006633"],
  },
  {
    product: "Adenylosuccinate synthetase",
    gene: "purA",
    cogCategory: "F",
    ec: "6.3.4.4",
    go: ["0006164"],
  },
  { product: "Beta-lactamase", gene: "bla", cogCategory: "V", ec: "3.5.2.6", go: ["0008800"] },
  { product: "Multidrug efflux pump", cogCategory: "V", go: ["0042910"] },
  { product: "Transposase", cogCategory: "X", go: ["0004803"] },
  { product: "Integrase", gene: "int", cogCategory: "X", go: ["0015074"] },
  { product: "Phage portal protein", cogCategory: "X", go: ["0019068"] },
  { product: "Type II toxin-antitoxin system antitoxin", cogCategory: "V", go: ["0045892"] },
  { product: "Lipoprotein", cogCategory: "S", go: [] },
  { product: "DUF1542 domain-containing protein", cogCategory: "S", go: [] },
  { product: "YbaB/EbfC family nucleoid-associated protein", cogCategory: "S", go: ["0003677"] },
  { product: "Cell surface protein", cogCategory: "M", go: ["0009986"] },
];

/** tRNAs: amino acid, anticodon and the gene symbol Bakta writes. */
export const TRNAS: readonly { aminoAcid: string; antiCodon: string; gene: string }[] = [
  { aminoAcid: "Leu", antiCodon: "tag", gene: "trnL" },
  { aminoAcid: "Ser", antiCodon: "gga", gene: "trnS" },
  { aminoAcid: "Gly", antiCodon: "gcc", gene: "trnG" },
  { aminoAcid: "Ala", antiCodon: "tgc", gene: "trnA" },
  { aminoAcid: "Arg", antiCodon: "acg", gene: "trnR" },
  { aminoAcid: "Met", antiCodon: "cat", gene: "trnM" },
  { aminoAcid: "Asn", antiCodon: "gtt", gene: "trnN" },
  { aminoAcid: "Lys", antiCodon: "ttt", gene: "trnK" },
];

/** rRNAs: product, gene, Rfam family, typical length. */
export const RRNAS: readonly { product: string; gene: string; rfam: string; length: number }[] = [
  { product: "16S ribosomal RNA", gene: "rrs", rfam: "RF00177", length: 1540 },
  { product: "23S ribosomal RNA", gene: "rrl", rfam: "RF02541", length: 2900 },
  { product: "5S ribosomal RNA", gene: "rrf", rfam: "RF00001", length: 116 },
];

/** ncRNAs (genes) and ncRNA regions (cis-regulatory elements), with their Rfam families. */
export const NCRNAS: readonly { product: string; gene?: string; rfam: string; region: boolean }[] =
  [
    { product: "6S ribosomal RNA", gene: "ssrS", rfam: "RF00013", region: false },
    { product: "RNase P RNA component class B", gene: "rnpB", rfam: "RF00011", region: false },
    {
      product: "Signal recognition particle sRNA small type",
      gene: "ffs",
      rfam: "RF00169",
      region: false,
    },
    { product: "FMN riboswitch", rfam: "RF00050", region: true },
    { product: "T-box leader", rfam: "RF00230", region: true },
    { product: "Lysine riboswitch", rfam: "RF00168", region: true },
    { product: "PyrR binding site", rfam: "RF00515", region: true },
  ];

/** The Sequence Ontology terms Bakta puts in `db_xrefs`, by feature type. */
export const SO_TERMS: Readonly<Record<string, string>> = {
  cds: "0001217",
  sorf: "0001217",
  tRNA: "0000253",
  tmRNA: "0000584",
  rRNA: "0000252",
  ncRNA: "0000655",
  "ncRNA-region": "0005836",
  crispr: "0001459",
  gap: "0000730",
  oriC: "0000344",
  oriV: "0000296",
  oriT: "0000724",
};
