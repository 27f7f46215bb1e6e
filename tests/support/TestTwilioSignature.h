#pragma once

// X-Twilio-Signature computed from Twilio's description (TWILIO.md: the URL, then each parameter's name
// and value sorted by name, HMAC-SHA1 with the auth token, base64), independently of
// Webhook::SignatureValidator, so that tests of the server and the simulator check it against the
// specification rather than against itself.

#include <QByteArray>
#include <QCryptographicHash>
#include <QList>
#include <QMessageAuthenticationCode>
#include <QPair>
#include <QString>

#include <algorithm>

inline QByteArray testTwilioSignature(const QByteArray &authToken, const QString &url,
                                      QList<QPair<QString, QString>> parameters)
{
    std::sort(parameters.begin(), parameters.end());
    QString data = url;
    for (const auto &[name, value] : parameters)
        data += name + value;
    return QMessageAuthenticationCode::hash(data.toUtf8(), authToken, QCryptographicHash::Sha1).toBase64();
}
