/**
 * The request and response bodies of the Bakta web API, version 1, exactly as they travel on the
 * wire (field names included: `jobID`, `ResultFiles` with a capital R).
 *
 * @module
 */

/** The handle of one job: its id and the 32-character secret that guards it. */
export interface BaktaJob {
  /** The job id, a UUID v4. */
  jobID: string;
  /** The job secret: 32 ASCII letters and digits. Never log it. */
  secret: string;
}

/** How the optional replicon table separates its columns. */
export type BaktaRepliconTableType = "CSV" | "TSV";

/** Body of `POST /job/init`. */
export interface BaktaInitRequest {
  /** The job name; the service rewrites it (see `sanitizeJobName`). */
  name: string;
  /** The separator of the replicon table that may be uploaded. */
  repliconTableType: BaktaRepliconTableType;
}

/** Answer of `POST /job/init`: the new job and three presigned upload links. */
export interface BaktaInitResponse {
  /** Presigned PUT link for the genome FASTA (plain or gzip). */
  uploadLinkFasta: string;
  /** Presigned PUT link for an optional Prodigal training file. */
  uploadLinkProdigal: string;
  /** Presigned PUT link for an optional replicon table. */
  uploadLinkReplicons: string;
  /** The new job. */
  job: BaktaJob;
}

/** Gram type, as the service spells it. */
export type BaktaDermType = "UNKNOWN" | "MONODERM" | "DIDERM";

/** The `config` of `POST /job/start`. The first five fields are required by the service. */
export interface BaktaJobConfig {
  /** Genetic code; only 4 changes anything, every other value runs table 11. */
  translationTable: number;
  /** `--complete`: all sequences are complete replicons. */
  completeGenome: boolean;
  /** `--keep-contig-headers`. */
  keepContigHeaders: boolean;
  /** Minimum contig length; applied only when greater than 1. */
  minContigLength: number;
  /** `--compliant`: INSDC-compliant output. */
  compliant: boolean;
  /** Use the uploaded replicon table. The service defaults to `true` when absent. */
  hasReplicons?: boolean;
  /** Any non-null value means "use the uploaded Prodigal training file". */
  prodigalTrainingFile?: string | null;
  /** Gram type. */
  dermType?: BaktaDermType | null;
  /** Genus name; empty means unset. */
  genus?: string | null;
  /** Species name; empty means unset. */
  species?: string | null;
  /** Strain name; empty means unset. */
  strain?: string | null;
  /** Plasmid name; empty means unset. */
  plasmid?: string | null;
  /** Locus prefix; empty means unset. */
  locus?: string | null;
  /** Locus tag prefix; empty means unset. */
  locusTag?: string | null;
}

/** Body of `POST /job/start`. */
export interface BaktaStartRequest {
  /** The job to start. */
  job: BaktaJob;
  /** How to run Bakta. */
  config: BaktaJobConfig;
}

/** Body of `POST /job/list`. */
export interface BaktaListRequest {
  /** Every job to ask about, in one call. */
  jobs: BaktaJob[];
}

/** Status of a listed job (the legacy spelling `SUCCESSFULL` is normalized by the client). */
export type BaktaJobStatus = "INIT" | "RUNNING" | "SUCCESSFUL" | "ERROR";

/** Why a job could not be listed: a per-job answer inside a 200, not an HTTP error. */
export type BaktaFailedJobStatus = "NOT_FOUND" | "UNAUTHORIZED";

/** One entry of `jobs` in the answer of `POST /job/list`. */
export interface BaktaListedJob {
  /** The job id. */
  jobID: string;
  /** The job status (normalized to `SUCCESSFUL` by the client). */
  jobStatus: BaktaJobStatus;
  /** When the job was started, RFC 3339 UTC. */
  started: string;
  /** When the job finished; for an unfinished job the server's current time. RFC 3339 UTC. */
  updated: string;
  /** The job name as rewritten by the service. */
  name: string;
}

/** One entry of `failedJobs` in the answer of `POST /job/list`. */
export interface BaktaFailedJob {
  /** The job id. */
  jobID: string;
  /** `NOT_FOUND` (unknown, deleted or expired) or `UNAUTHORIZED` (wrong secret). */
  jobStatus: BaktaFailedJobStatus;
}

/** Answer of `POST /job/list`. */
export interface BaktaListResponse {
  /** Jobs the service knows and that were started. */
  jobs: BaktaListedJob[];
  /** Jobs that are unknown or whose secret is wrong. */
  failedJobs: BaktaFailedJob[];
}

/** The 14 keys of `ResultFiles`. */
export type BaktaResultFileKey =
  | "TSV"
  | "GFF3"
  | "GBFF"
  | "EMBL"
  | "FNA"
  | "FFN"
  | "FAA"
  | "FAAHypothetical"
  | "TSVHypothetical"
  | "TSVInference"
  | "JSON"
  | "TXTLogs"
  | "PNGCircularPlot"
  | "SVGCircularPlot";

/** Presigned download links by key; older deployments return only a subset. */
export type BaktaResultFiles = Partial<Record<BaktaResultFileKey, string>>;

/** Body of `POST /job/result` (no wrapper, unlike start). */
export type BaktaResultRequest = BaktaJob;

/** Answer of `POST /job/result`. */
export interface BaktaResultResponse {
  /** The job id. */
  jobID: string;
  /** When the job was started (`1970-01-01T00:00:00Z` for a job never started). */
  started: string;
  /** When the job finished (`1970-01-01T00:00:00Z` for a job never started). */
  updated: string;
  /** The job name as rewritten by the service. */
  name: string;
  /** Presigned GET links, valid for 6 days; existence of each object is not checked. */
  ResultFiles: BaktaResultFiles;
}

/** Answer of `GET /version`. */
export interface BaktaVersion {
  /** The Bakta version the service runs, e.g. `1.10.3`. */
  toolVersion: string;
  /** The Bakta database version, e.g. `5.1.0`. */
  dbVersion: string;
  /** The backend version, e.g. `0.6.4`. */
  backendVersion: string;
}
