#pragma once

// The store's logging category: failed statements are logged here with their SQL, which people never see.

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcStore)
