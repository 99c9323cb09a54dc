// The exchange schema: the node's key pair, peers, envelopes (both directions, payload bytes
// as signed), records, events, receipts and the outbox. Migrated by exchange::Exchange::Open
// after store::OpenDatabase.
#pragma once

#include "store/migrate.h"

namespace chokepoint::exchange {

const store::Schema& ExchangeSchema();

}  // namespace chokepoint::exchange
