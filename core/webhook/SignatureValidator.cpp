#include "core/webhook/SignatureValidator.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QUrl>
#include <QUrlQuery>

#include <openssl/crypto.h>

#include <algorithm>

namespace Webhook {
namespace {

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    // Lengths are public (a base64 SHA-1 is always 28 bytes); only the contents must not leak.
    return a.size() == b.size() && CRYPTO_memcmp(a.constData(), b.constData(), size_t(a.size())) == 0;
}

// Where the port of an absolute http(s) URL is, or would go: [start of host, end of authority).
struct Authority
{
    qsizetype hostStart = -1;
    qsizetype end = -1;
    qsizetype portColon = -1; // -1 when the URL names no port
};

std::optional<Authority> findAuthority(const QString &url)
{
    const qsizetype schemeEnd = url.indexOf(QLatin1String("://"));
    if (schemeEnd <= 0)
        return std::nullopt;
    Authority authority;
    authority.hostStart = schemeEnd + 3;
    authority.end = url.size();
    for (qsizetype i = authority.hostStart; i < url.size(); ++i) {
        const QChar c = url[i];
        if (c == u'/' || c == u'?' || c == u'#') {
            authority.end = i;
            break;
        }
    }
    const qsizetype at = url.lastIndexOf(u'@', authority.end - 1);
    if (at >= authority.hostStart)
        authority.hostStart = at + 1;
    const qsizetype bracket = url.lastIndexOf(u']', authority.end - 1);
    const qsizetype colon = url.lastIndexOf(u':', authority.end - 1);
    if (colon >= authority.hostStart && colon > bracket)
        authority.portColon = colon;
    return authority;
}

// What Twilio appends to the URL before signing: each name with each of its values, sorted by name and
// then value (UTF-16 code unit order, as JavaScript's sort()), a value repeated under one name once.
QByteArray signedParameters(const FormParameters &parameters)
{
    QList<FormParameters::Pair> pairs = parameters.pairs();
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    QString data;
    for (const auto &[name, value] : std::as_const(pairs)) {
        data += name;
        data += value;
    }
    return data.toUtf8();
}

QByteArray signatureOver(const QByteArray &authToken, const QString &url, const QByteArray &signedParameters)
{
    QMessageAuthenticationCode code(QCryptographicHash::Sha1, authToken);
    code.addData(url.toUtf8());
    code.addData(signedParameters);
    return code.result().toBase64();
}

} // namespace

SignatureValidator::SignatureValidator(const QByteArray &authToken)
    : m_authToken(authToken)
{ }

QByteArray SignatureValidator::computeSignature(const QByteArray &authToken, const QString &url,
                                                const FormParameters &parameters)
{
    return signatureOver(authToken, url, signedParameters(parameters));
}

QStringList SignatureValidator::urlVariants(const QString &url)
{
    QStringList variants { url };
    const auto authority = findAuthority(url);
    if (!authority)
        return variants;
    const QString scheme = url.left(url.indexOf(u':')).toLower();
    const QString defaultPort = scheme == QLatin1String("https") ? QStringLiteral("443")
        : scheme == QLatin1String("http")                        ? QStringLiteral("80")
                                                                 : QString();
    if (defaultPort.isEmpty())
        return variants;
    if (authority->portColon < 0) {
        variants << url.left(authority->end) + u':' + defaultPort + url.mid(authority->end);
    } else if (url.mid(authority->portColon + 1, authority->end - authority->portColon - 1) == defaultPort) {
        variants << url.left(authority->portColon) + url.mid(authority->end);
    }
    return variants;
}

bool SignatureValidator::isValid(const QString &url, const FormParameters &parameters,
                                 const QByteArray &signature) const
{
    if (m_authToken.isEmpty() || signature.isEmpty())
        return false;
    const QStringList variants = urlVariants(url);
    const QByteArray parameterData = signedParameters(parameters);
    // Check every variant (no early exit), so timing does not tell which one matched.
    bool valid = false;
    for (const QString &candidate : variants)
        valid |= constantTimeEquals(signatureOver(m_authToken, candidate, parameterData), signature);
    return valid;
}

bool SignatureValidator::isValidJson(const QString &url, const QByteArray &body,
                                     const QByteArray &signature) const
{
    const QUrl parsed(url, QUrl::StrictMode);
    if (!parsed.isValid())
        return false;
    const QString expectedHash = QUrlQuery(parsed).queryItemValue(QStringLiteral("bodySHA256"));
    if (expectedHash.isEmpty())
        return false;
    const QByteArray bodyHash = QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex();
    const bool bodyMatches = constantTimeEquals(bodyHash, expectedHash.toLatin1().toLower());
    return isValid(url, FormParameters(), signature) && bodyMatches;
}

} // namespace Webhook
