// Webhook::SignatureValidator on arbitrary requests. The input is "URL\nsignature\nform body" (the body
// may hold further newlines), so the seeds stay readable; the auth token is the one of TWILIO.md's vector.

#include "FuzzCheck.h"
#include "core/webhook/SignatureValidator.h"

#include <cstddef>
#include <cstdint>

using Webhook::FormParameters;
using Webhook::SignatureValidator;

namespace {

// Removes the first line from text and returns it without its '\n'; all of text when it has no '\n'.
QByteArray takeLine(QByteArray &text)
{
    const qsizetype end = text.indexOf('\n');
    const QByteArray line = end < 0 ? text : text.left(end);
    text = end < 0 ? QByteArray() : text.mid(end + 1);
    return line;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const QByteArray authToken = QByteArrayLiteral("12345");
    const SignatureValidator validator(authToken);

    QByteArray rest(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString url = QString::fromUtf8(takeLine(rest));
    const QByteArray signature = takeLine(rest);
    const QByteArray &body = rest;

    const QStringList variants = SignatureValidator::urlVariants(url);
    Fuzz::check(!variants.isEmpty() && variants.first() == url, "urlVariants() does not start with the URL");
    Fuzz::check(variants.size() <= 2, "urlVariants() gave more than the URL and one port variant");

    (void)validator.isValidJson(url, body, signature);

    const auto parameters = FormParameters::decode(body);
    if (!parameters)
        return 0;
    (void)validator.isValid(url, *parameters, signature);

    // What Twilio would send for this request, signed for the URL or for one of its port variants.
    for (const QString &signedUrl : variants) {
        const QByteArray expected = SignatureValidator::computeSignature(authToken, signedUrl, *parameters);
        if (!validator.isValid(url, *parameters, expected))
            Fuzz::fail(QStringLiteral("the signature computed for %1 does not validate for %2")
                           .arg(Fuzz::printable(signedUrl), Fuzz::printable(url)));
    }
    return 0;
}
