#pragma once

// A call of the log as JSON, the form GET /calls sends and the phone reads back in team mode: one
// definition of the field names for both ends.

#include "core/common/Result.h"
#include "core/store/CallLog.h"

#include <QJsonObject>

namespace Store {

class CallRecordJson
{
public:
    static QJsonObject toJson(const CallRecord &call);
    // Fails with a sentence when a field the phone needs is missing or of the wrong type.
    static Result<CallRecord> fromJson(const QJsonObject &object);
};

} // namespace Store
