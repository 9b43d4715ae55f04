/**
 * Links out of the report: UniProt for UniRef clusters, NCBI COG, Gene Ontology and KEGG. They are
 * plain links (`target="_blank"`, `rel="noopener noreferrer"`): nothing is fetched to view the page.
 *
 * @module
 */

import { markup, rawHtml, type SafeHtml } from "./_html.ts";

const ATTRIBUTES = 'target="_blank" rel="noopener noreferrer"';

/**
 * The URL of a cross-reference's page, or `undefined` when baktadb knows none: UniRef clusters at
 * UniProt, COG ids and categories at NCBI COG, GO terms at the Gene Ontology's AmiGO, KEGG orthologs
 * at KEGG, EC numbers at ExPASy ENZYME.
 */
export function xrefUrl(db: string, accession: string): string | undefined {
  const id = encodeURIComponent(accession);
  switch (db.toUpperCase()) {
    case "UNIREF":
      return `https://www.uniprot.org/uniref/${id}`;
    case "UNIPROTKB":
      return `https://www.uniprot.org/uniprotkb/${id}`;
    case "COG":
      return /^COG\d+$/.test(accession)
        ? `https://www.ncbi.nlm.nih.gov/research/cog/cog/${id}/`
        : `https://www.ncbi.nlm.nih.gov/research/cog/cogcategory/${id}/`;
    case "GO":
      return `https://amigo.geneontology.org/amigo/term/GO:${id.replace(/^GO%3A/i, "")}`;
    case "KEGG":
      return `https://www.kegg.jp/entry/${id}`;
    case "EC":
      return `https://enzyme.expasy.org/EC/${id}`;
    default:
      return undefined;
  }
}

/** A gene family key as a link: UniRef clusters to UniProt; MD5 keys as text. */
export function familyLink(family: string): SafeHtml {
  if (!/^UniRef(50|90|100)_/.test(family)) return markup`${family}`;
  return markup`<a href="${xrefUrl("UniRef", family)!}" ${rawHtml(ATTRIBUTES)}>${family}</a>`;
}

/** A cross-reference `DB:accession` as a link where baktadb knows the database, else as text. */
export function xrefLink(xref: string): SafeHtml {
  const colon = xref.indexOf(":");
  const url = colon > 0 ? xrefUrl(xref.slice(0, colon), xref.slice(colon + 1)) : undefined;
  return url === undefined
    ? markup`${xref}`
    : markup`<a href="${url}" ${rawHtml(ATTRIBUTES)}>${xref}</a>`;
}
