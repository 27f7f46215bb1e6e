// Webhook::FormParameters::decode on arbitrary bodies; whatever decodes must survive encode() and decode().

#include "FuzzCheck.h"
#include "core/webhook/FormParameters.h"

#include <cstddef>
#include <cstdint>

using Webhook::FormParameters;

namespace {

QString describe(const FormParameters &form)
{
    QString out;
    for (const auto &[name, value] : form.pairs())
        out += QStringLiteral("\n  [%1] = [%2]").arg(Fuzz::printable(name), Fuzz::printable(value));
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto decoded = FormParameters::decode(body);
    if (!decoded) {
        Fuzz::check(!decoded.error().isEmpty(), "decode failed without saying why");
        return 0;
    }

    const QByteArray encoded = decoded->encode();
    const auto again = FormParameters::decode(encoded);
    if (!again)
        Fuzz::fail(QStringLiteral("decode(encode()) failed: %1\nbody: %2\nencoded: %3")
                       .arg(again.error(), Fuzz::printable(body), Fuzz::printable(encoded)));
    if (!(*again == *decoded))
        Fuzz::fail(
            QStringLiteral("decode(encode()) differs\nbody: %1\ndecoded:%2\nencoded: %3\nre-decoded:%4")
                .arg(Fuzz::printable(body), describe(*decoded), Fuzz::printable(encoded), describe(*again)));
    Fuzz::check(again->encode() == encoded, "encode() is not stable across a round trip");
    return 0;
}
