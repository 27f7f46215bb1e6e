#include "core/webhook/SignatureValidator.h"

#include <QCryptographicHash>
#include <QUrl>
#include <QUrlQuery>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <algorithm>
#include <vector>

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
// Every webhook is checked: the pairs are sorted by pointer, not copied.
QByteArray signedParameters(const FormParameters &parameters)
{
    const QList<FormParameters::Pair> &pairs = parameters.pairs();
    std::vector<const FormParameters::Pair *> sorted;
    sorted.reserve(size_t(pairs.size()));
    qsizetype length = 0;
    for (const FormParameters::Pair &pair : pairs) {
        sorted.push_back(&pair);
        length += pair.first.size() + pair.second.size();
    }
    std::sort(sorted.begin(), sorted.end(), [](const auto *a, const auto *b) { return *a < *b; });
    sorted.erase(
        std::unique(sorted.begin(), sorted.end(), [](const auto *a, const auto *b) { return *a == *b; }),
        sorted.end());
    QString data;
    data.reserve(length);
    for (const FormParameters::Pair *pair : sorted) {
        data += pair->first;
        data += pair->second;
    }
    return data.toUtf8();
}

// An HMAC-SHA1 context keyed with key, or null. OpenSSL's rather than QMessageAuthenticationCode: with the
// key set up once, a signature takes a third of the time (measured: 1.3 us against 3.9 us for 700 bytes).
std::shared_ptr<EVP_MAC_CTX> keyedMac(const QByteArray &key)
{
    static EVP_MAC *const hmac = EVP_MAC_fetch(nullptr, "HMAC", nullptr); // thread-safe, kept for good
    if (!hmac)
        return {};
    std::shared_ptr<EVP_MAC_CTX> context(EVP_MAC_CTX_new(hmac), EVP_MAC_CTX_free);
    char digest[] = "SHA1";
    const OSSL_PARAM parameters[]
        = { OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0), OSSL_PARAM_construct_end() };
    if (!context
        || !EVP_MAC_init(context.get(), reinterpret_cast<const unsigned char *>(key.constData()),
                         size_t(key.size()), parameters))
        return {};
    return context;
}

QByteArray signatureOver(const std::shared_ptr<EVP_MAC_CTX> &keyed, const QString &url,
                         const QByteArray &signedParameters)
{
    const std::unique_ptr<EVP_MAC_CTX, decltype(&EVP_MAC_CTX_free)> context(
        keyed ? EVP_MAC_CTX_dup(keyed.get()) : nullptr, EVP_MAC_CTX_free);
    const QByteArray urlBytes = url.toUtf8();
    unsigned char digest[EVP_MAX_MD_SIZE];
    size_t length = 0;
    if (!context
        || !EVP_MAC_update(context.get(), reinterpret_cast<const unsigned char *>(urlBytes.constData()),
                           size_t(urlBytes.size()))
        || !EVP_MAC_update(context.get(),
                           reinterpret_cast<const unsigned char *>(signedParameters.constData()),
                           size_t(signedParameters.size()))
        || !EVP_MAC_final(context.get(), digest, &length, sizeof digest))
        return {}; // never equal to a signature, which is never empty when checked
    return QByteArray(reinterpret_cast<const char *>(digest), qsizetype(length)).toBase64();
}

} // namespace

SignatureValidator::SignatureValidator(const QByteArray &authToken)
    : m_authToken(authToken)
    , m_keyedMac(keyedMac(authToken))
{ }

QByteArray SignatureValidator::computeSignature(const QByteArray &authToken, const QString &url,
                                                const FormParameters &parameters)
{
    return signatureOver(keyedMac(authToken), url, signedParameters(parameters));
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
        valid |= constantTimeEquals(signatureOver(m_keyedMac, candidate, parameterData), signature);
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
