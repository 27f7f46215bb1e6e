#pragma once

// X-Twilio-Signature: proves a webhook request came from Twilio (HMAC-SHA1 with the auth token).

#include "core/webhook/FormParameters.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <openssl/types.h>

#include <memory>

namespace Webhook {

class SignatureValidator
{
public:
    explicit SignatureValidator(const QByteArray &authToken);

    // base64(HMAC-SHA1(authToken, url + each name and value, names sorted; repeated values de-duplicated
    // and sorted)), exactly as Twilio and its helper libraries compute it.
    static QByteArray computeSignature(const QByteArray &authToken, const QString &url,
                                       const FormParameters &parameters);

    // A form POST: true when signature matches url as given, or with its default port added or removed.
    bool isValid(const QString &url, const FormParameters &parameters, const QByteArray &signature) const;

    // A JSON POST: the URL carries bodySHA256 (hex SHA-256 of the body); the signature covers the URL alone.
    bool isValidJson(const QString &url, const QByteArray &body, const QByteArray &signature) const;

    // url, plus the same URL with its scheme's default port added when it has none, or removed when it has
    // it.
    static QStringList urlVariants(const QString &url);

private:
    QByteArray m_authToken;
    // HMAC-SHA1 with the auth token already absorbed: each check copies it instead of setting up the key
    // again. Only read once made, so copies of this validator share it across threads. Null only when OpenSSL
    // cannot make one: every check then fails, on the safe side.
    std::shared_ptr<EVP_MAC_CTX> m_keyedMac;
};

} // namespace Webhook
