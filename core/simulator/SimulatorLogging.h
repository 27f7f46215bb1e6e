#pragma once

// The simulator's logging category: every problem a simulated call meets is logged here as well.

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcSimulator)
