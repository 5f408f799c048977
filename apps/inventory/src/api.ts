/** The JSON the `serve` command answers, as the server writes it and the page reads it. */
import type { Report } from "./report.js";

/** Where the data came from, shown on the page. Never holds a secret. */
export interface SourceInfo {
  mock: boolean;
  providers: { account: string; provider: string; url: string; mock: boolean }[];
  /** Providers asked for but not configured. */
  notConfigured: string[];
}

/** `/api/report`: the report, the accounts whose first collection is still running, the source. */
export type ReportResponse = Report & { pending: string[]; source: SourceInfo };
