#include "ui/engine/EngineLogging.h"

Q_LOGGING_CATEGORY(lcEngine, "switchboard.engine")
