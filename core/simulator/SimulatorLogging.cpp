#include "core/simulator/SimulatorLogging.h"

Q_LOGGING_CATEGORY(lcSimulator, "switchboard.simulator")
