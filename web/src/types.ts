// The JSON shapes of the API routes the console reads (see GET /v1/openapi.json and
// docs/classify.md, docs/orders.md). Only the fields the console uses.

export interface JurisdictionStatus {
  category: string;
  listing: string | null;
  basis: string | null;
  rule: string | null;
  citation: string | null;
  effective: string | null;
  end?: string | null;
  explanation?: string;
  modifications?: string[];
  rulebook_version?: string;
}

export interface Flag {
  type: string;
  target: string;
  target_smiles?: string;
  jurisdictions?: string[];
  score?: number;
  explanation?: string;
  path?: string[];
  nearest?: { name: string; rule?: string; score: number; jurisdictions?: string[] }[];
}

export interface ClassifyRecord {
  line: number;
  input: string;
  input_type: string;
  ok: boolean;
  error: { code: string; message: string; suggestions?: string[] } | null;
  substance?: {
    name?: string | null;
    smiles?: string;
    formula?: string;
    inchikey?: string;
    removed?: { name?: string; smiles?: string; role?: string; count?: number }[];
  };
  status?: Record<string, JurisdictionStatus>;
  flags?: Flag[];
  verdict: string;
}

export interface ClassifyResponse {
  at: string;
  count: number;
  results: ClassifyRecord[];
}

export interface Reason {
  rule: string;
  severity: string;
  source?: string;
  explanation?: string;
  item?: number;
  party?: string;
}

export interface OrderSummary {
  id: string;
  date: string;
  customer: string;
  customer_name?: string;
  decision: string;
  score: number;
  decided_at: string;
  reasons: number;
  top_reason: Reason | null;
  disposition: string | null;
  reviewed_at: string | null;
}

export interface OrderList {
  orders: OrderSummary[];
  total: number;
  limit: number;
  offset: number;
}

export interface ItemReading {
  role?: string;
  reading?: string;
  rulebook?: string | null;
  category: string;
  listing?: string;
  basis?: string;
  rule?: string;
  citation?: string;
  effective?: string;
}

export interface OrderItem {
  item: number;
  kind: string;
  input?: string;
  name?: string | null;
  smiles?: string | null;
  equipment?: string;
  quantity?: number;
  unit?: string;
  kg?: number;
  verdict?: string;
  category?: string;
  error?: { code: string; message: string };
  status?: Record<string, ItemReading>;
  flags?: { type: string; target: string }[];
}

export interface PartyHit {
  list: string;
  entity_id: string;
  name: string;
  matched_name: string;
  score: number;
  programs?: string[];
  explanation?: string;
}

export interface OrderParty {
  role: string;
  name: string;
  country: string | null;
  hits: PartyHit[];
  note?: string;
}

export interface Review {
  id: number;
  disposition: string;
  note: string;
  actor: string;
  created_at: string;
}

export interface HistoryEntry {
  seq: number;
  ts: string;
  actor: string;
  action: string;
  detail: Record<string, unknown> | null;
}

export interface OrderDetail {
  id: string;
  date: string;
  customer: string;
  decision: string;
  score: number;
  policy: string;
  decided_at: string;
  reasons: Reason[];
  items: OrderItem[];
  parties: OrderParty[];
  notes: string[];
  reviews: Review[];
  disposition: string | null;
  history: HistoryEntry[];
  order: Record<string, unknown>;
}

export interface KeyCount {
  key: string;
  count: number;
}

export interface DayCounts {
  date: string;
  clear: number;
  review: number;
  hold: number;
  block: number;
}

export interface Stats {
  days: number;
  orders: number;
  by_decision: Record<string, number>;
  over_time: DayCounts[];
  top_rules: KeyCount[];
  top_substances: KeyCount[];
  top_destinations: KeyCount[];
}

export interface ClassRule {
  id: string;
  name: string;
  listing: string;
  citation: string;
  effective: string;
}

export interface Rulebook {
  jurisdiction: string;
  version: string;
  files: string[];
  entries: number;
  classes: number;
  class_rules: ClassRule[];
}

export interface Rulebooks {
  rulebooks: Rulebook[];
  reference_substances: number;
  policy: string;
}

export interface ListInfo {
  name: string;
  format: string;
  source: string;
  version: string;
  entities: number;
  names: number;
  addresses: number;
  identifiers: number;
  skipped: number;
}

export interface Lists {
  lists: ListInfo[];
  entities: number;
}
