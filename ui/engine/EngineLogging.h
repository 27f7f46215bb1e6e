#pragma once

// The web engine's logging category: the page's console messages and every event the bridge sees.

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcEngine)
