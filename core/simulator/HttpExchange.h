#pragma once

// One request the simulator sent as Twilio, and what the server answered.

#include "core/webhook/FormParameters.h"

#include <QByteArray>
#include <QMetaType>
#include <QString>

namespace Simulator {

struct HttpExchange
{
    QString method;
    QString url; // where the request went
    QString signedUrl; // what X-Twilio-Signature covers: the same request seen at the public URL
    Webhook::FormParameters parameters;
    int status = 0; // 0: no HTTP answer (see error)
    QByteArray body;
    QString error; // empty when the server answered, whatever its status
};

} // namespace Simulator

Q_DECLARE_METATYPE(Simulator::HttpExchange)
