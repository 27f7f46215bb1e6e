#include "core/store/StoreLogging.h"

Q_LOGGING_CATEGORY(lcStore, "switchboard.store")
