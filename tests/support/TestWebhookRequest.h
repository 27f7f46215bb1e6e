#pragma once

// Raw HTTP requests for tests of the server: Twilio's form-encoded, signed webhooks as bytes on the wire.

#include "tests/support/TestTwilioSignature.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

inline QByteArray testFormBody(const QList<QPair<QString, QString>> &parameters)
{
    QByteArray body;
    for (const auto &[name, value] : parameters) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
    }
    return body;
}

// A POST of parameters to path, signed as Twilio would for baseUrl + path, with the given Host header.
inline QByteArray testSignedWebhook(const QByteArray &authToken, const QString &baseUrl, const QString &path,
                                    const QList<QPair<QString, QString>> &parameters,
                                    const QByteArray &host = "127.0.0.1")
{
    const QByteArray body = testFormBody(parameters);
    return "POST " + path.toUtf8() + " HTTP/1.1\r\nHost: " + host
        + "\r\nContent-Type: application/x-www-form-urlencoded\r\nX-Twilio-Signature: "
        + testTwilioSignature(authToken, baseUrl + path, parameters)
        + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

// A raw POST /token with HTTP Basic credentials, asking for an access token for user.
inline QByteArray testTokenRequest(const QByteArray &user, const QByteArray &secret)
{
    const QByteArray body = R"({"identity": ")" + user + R"("})";
    return "POST /token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAuthorization: "
           "Basic "
        + (user + ':' + secret).toBase64() + "\r\nContent-Length: " + QByteArray::number(body.size())
        + "\r\n\r\n" + body;
}
