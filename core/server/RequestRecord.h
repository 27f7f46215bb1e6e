#pragma once

// What the server keeps of each request, for its log and the GUI's request inspector. Secrets masked.

#include "core/webhook/FormParameters.h"

#include <QByteArray>
#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace Server {

struct RequestRecord
{
    QDateTime time;
    QString method;
    QString route;
    QString peer;
    Webhook::FormParameters parameters; // form fields or JSON members, secrets replaced by "***"
    QString signature; // "valid", "invalid", "missing", "not checked", "not required"
    int status = 0;
    QByteArray response; // TwiML or JSON, tokens replaced by "***"
    QString outcome; // the router's account, or the error
    bool refused = false; // refused, though answered with TwiML (status 200) so that the caller hears why
    qint64 latencyMicroseconds = 0;
};

} // namespace Server

Q_DECLARE_METATYPE(Server::RequestRecord)
