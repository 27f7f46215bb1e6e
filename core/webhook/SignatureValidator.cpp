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

} // namespace

SignatureValidator::SignatureValidator(const QByteArray &authToken)
    : m_authToken(authToken)
{ }

QByteArray SignatureValidator::computeSignature(const QByteArray &authToken, const QString &url,
                                                const FormParameters &parameters)
{
    QStringList names = parameters.names();
    std::sort(names.begin(), names.end()); // UTF-16 code unit order, as JavaScript's sort()
    QString data = url;
    for (const QString &name : names) {
        QStringList values = parameters.values(name);
        std::sort(values.begin(), values.end());
        values.erase(std::unique(values.begin(), values.end()), values.end());
        for (const QString &value : values)
            data += name + value;
    }
    return QMessageAuthenticationCode::hash(data.toUtf8(), authToken, QCryptographicHash::Sha1).toBase64();
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
    // Check every variant (no early exit), so timing does not tell which one matched.
    bool valid = false;
    for (const QString &candidate : variants)
        valid |= constantTimeEquals(computeSignature(m_authToken, candidate, parameters), signature);
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
