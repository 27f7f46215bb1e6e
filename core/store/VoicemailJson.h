#pragma once

// A voicemail as JSON, the form GET /voicemail sends and the phone reads back in team mode: one definition
// of the field names for both ends. The media URL stays on the server: a phone fetches the audio from
// the server, never from Twilio.

#include "core/common/Result.h"
#include "core/store/Voicemail.h"

#include <QJsonObject>

namespace Store {

class VoicemailJson
{
public:
    static QJsonObject toJson(const Voicemail &voicemail);
    // Fails with a sentence when a field the phone needs is missing or of the wrong type.
    static Result<Voicemail> fromJson(const QJsonObject &object);
};

} // namespace Store
