// Shapes of the exchange routes' answers (docs/exchange.md, docs/api.md).

export interface ExchangeRecordSummary {
  id: string;
  kind: string;
  box: "inbox" | "outbox";
  originator: string;
  to: string[];
  tlp: string;
  handling: Record<string, boolean>;
  created_at: string;
  state: string;
  states: Record<string, string>;
  summary: string;
  reply_deadline?: string;
}

export interface TimelineEntry {
  at: string;
  type: string;
  by: string;
  envelope_id: string;
  applied?: boolean;  // false: kept as evidence, moved no state (docs/exchange.md, "Rejections")
  track?: string;
  note?: string;
  action?: string;
  outcome?: { arrests: number; prosecutions: number; convictions: number; seized_kg: number };
}

export interface ReceiptView {
  envelope_id: string;
  recipient: string;
  received_at: string;
  result: string;
  receipt: { payload: string; signature: string };
}

export interface ClassificationView {
  input: string;
  ok: boolean;
  name: string;
  verdict: string;
  status: Record<string, { category: string; listing: string; citation: string }>;
}

export interface ExchangeRecord extends ExchangeRecordSummary {
  body: Record<string, unknown>;
  confidential: string[];
  withheld: boolean;
  classification: ClassificationView[];
  screening: { name: string; matches: { list: string; name: string; score: number }[] }[];
  timeline: TimelineEntry[];
  receipts: ReceiptView[];
  allowed_events?: string[];
}

export interface ExchangeList {
  node: string;
  box: string;
  records: ExchangeRecordSummary[];
  total: number;
}

export interface OutboxRow {
  envelope_id: string;
  peer: string;
  type: string;
  record_id: string;
  sent_at: string;
  state: string;
  attempts: number;
  next_attempt_at: string | null;
  last_attempt_at: string | null;
  last_error: string | null;
  delivered_at: string | null;
}

export interface NotificationFigures {
  sent: number;
  delivered: number;
  answered: number;
  expired: number;
  pending: number;
  median_hours_to_acknowledge: number | null;
}

export interface LeadFigures {
  sent: number;
  delivered: number;
  acknowledged: number;
  acted_on: number;
  acted_on_pct: number | null;
  declined: number;
  median_hours_to_acknowledge: number | null;
  arrests: number;
  prosecutions: number;
  convictions: number;
  seized_kg: number;
}

export interface Figures {
  notifications: NotificationFigures;
  leads: LeadFigures;
}

export interface Reciprocity {
  leads_given: number;
  leads_received: number;
  ratio: number | null;
}

export interface PartnerIndicators {
  partner: string;
  sent: Figures;
  received: Figures;
  reciprocity: Reciprocity;
  quarters: { quarter: string; sent: Figures; received: Figures; reciprocity: Reciprocity }[];
}

export interface Indicators {
  node: string;
  as_of: string;
  from: string | null;
  to: string | null;
  partners: PartnerIndicators[];
}
