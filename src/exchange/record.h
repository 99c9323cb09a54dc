// Records and their state machines: the four kinds (notification, incident, lead, report),
// TLP 2.0 labels and handling permissions fixed at creation, business-confidential fields,
// and the events that move each recipient's copy of a record from state to state.
//
// Pure functions over JSON: the same checks run when a record or event is created here and
// when a peer's arrives, so a node never stores what it would have refused to create.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "exchange/envelope.h"

namespace chokepoint::exchange {

const std::vector<std::string>& Kinds();      //!< notification incident lead report
const std::vector<std::string>& TlpLabels();  //!< clear green amber amber+strict red
const std::vector<std::string>& EventTypes();
const std::vector<std::string>&
LeadActions();  //!< inspection investigation seizure licence_revoked website_taken_down

// What a creator states (POST /v1/exchange/records); the node adds id, originator, created_at.
struct RecordDraft {
  std::string kind;
  std::vector<std::string> to;
  std::string tlp;
  Json handling;  //!< {"read","act","evidence","re_share"} booleans; missing: defaults
  Json body;      //!< the kind's fields
  std::vector<std::string>
      confidential;  //!< top-level body fields that are business secrets (art. 12(11))
};
// Fills handling defaults (read and act true, evidence and re_share false) and checks the
// draft: kind, audience, TLP, handling (re-sharing is refused for amber+strict and red), the
// kind's required body fields, confidential names. InvalidArgument naming the field
// ("body.reply_deadline: …").
Status ValidateDraft(RecordDraft* draft);

// The signed record object: {"id","kind","originator","to","tlp","handling","created_at",
// "body","confidential","classification","screening"}. Checks what ValidateDraft checks plus
// the node-added fields; used on inbound records.
Status ValidateRecord(const Json& record);

// Body fields replaced by {"withheld": …} for viewers not entitled to business secrets.
Json Redacted(const Json& record);
// Substances named in a body, for classification when a record is created.
std::vector<std::string> Substances(const std::string& kind, const Json& body);
// One line for lists ("fentanyl, 25 kg to US"); built from the (possibly redacted) body.
std::string Summary(const std::string& kind, const Json& body);

// One event as signed: {"record_id","type","by","track","note","action","outcome"}.
struct EventDraft {
  std::string type;
  std::string note;
  std::string action;           //!< action_taken: one of LeadActions()
  std::optional<Json> outcome;  //!< {"arrests","prosecutions","convictions","seized_kg"}
  std::string track;  //!< originator events on a record with several recipients: one of them ("" =
                      //!< every one it applies to)
};
// Shape of the event request (type known, note length, required action/outcome/note).
Status ValidateEventDraft(const EventDraft& e);
Json EventJson(const std::string& record_id, const std::string& by, const EventDraft& e);
// Shape of an inbound event object.
Status ValidateEvent(const Json& event);

// Who may send an event type on a kind: the record's recipient (each works its own copy, its
// "track") or its originator (which acts on every recipient's track at once).
enum class Side { kRecipient, kOriginator };

// The state of one recipient's track: starts "sent" (originator, before that recipient's
// receipt) or "received" / "delivered" (lead), then follows the events in order. A
// notification whose reply_deadline passed before `now_ms` without a reply (clear, object,
// request_info) reads "expired".
struct TrackEvent {
  std::string type;
  Side side;
};
std::string TrackState(const Json& record, bool delivered, const std::vector<TrackEvent>& events,
                       int64_t now_ms);
// The state before the expiry overlay (what transitions are checked against).
std::string RawTrackState(const std::string& kind, bool delivered,
                          const std::vector<TrackEvent>& events);
// The next state, or nullopt when `type` by `side` is not allowed in `state`.
std::optional<std::string> Next(const std::string& kind, const std::string& state,
                                const std::string& type, Side side);
// Whether `side` sends `type` on a `kind` in any state (inbound events are checked against this).
bool SideMaySend(const std::string& kind, const std::string& type, Side side);
// Event types `side` may send in `state`.
std::vector<std::string> AllowedEvents(const std::string& kind, const std::string& state,
                                       Side side);

// Authorities an event goes to: a recipient's event goes to the originator (and, for
// incidents, which are shared among all addressed authorities, to the other recipients too);
// an originator's event goes to every recipient.
std::vector<std::string> EventAudience(const Json& record, const std::string& by);

// Reply deadline of a notification in ms (nullopt for other kinds).
std::optional<int64_t> ReplyDeadlineMs(const Json& record);

}  // namespace chokepoint::exchange
