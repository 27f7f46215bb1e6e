#pragma once

// The "voice" grant of an access token: what a Voice SDK client may do.

#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

namespace Token {

struct VoiceGrant
{
    bool incomingAllow = false;
    QString outgoingApplicationSid;
    QList<QPair<QString, QString>> outgoingApplicationParameters;
    QString pushCredentialSid;

    // The grant as twilio-node writes it: only the parts that are set.
    QJsonObject toJson() const
    {
        QJsonObject grant;
        if (incomingAllow)
            grant.insert(QStringLiteral("incoming"), QJsonObject { { QStringLiteral("allow"), true } });
        if (!outgoingApplicationSid.isEmpty()) {
            QJsonObject outgoing { { QStringLiteral("application_sid"), outgoingApplicationSid } };
            if (!outgoingApplicationParameters.isEmpty()) {
                QJsonObject params;
                for (const auto &[name, value] : outgoingApplicationParameters)
                    params.insert(name, value);
                outgoing.insert(QStringLiteral("params"), params);
            }
            grant.insert(QStringLiteral("outgoing"), outgoing);
        }
        if (!pushCredentialSid.isEmpty())
            grant.insert(QStringLiteral("push_credential_sid"), pushCredentialSid);
        return grant;
    }
};

} // namespace Token
