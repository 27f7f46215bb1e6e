#include "core/webhook/FormParameters.h"

#include <QStringDecoder>

#include <cstring>

namespace Webhook {
namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

constexpr qsizetype beyondAscii = -1;

// One pass of form decoding ('+' and %XX) into out, which holds at least size units (bytes, or UTF-16
// code units for text that is ASCII). Returns how many units it wrote, or beyondAscii when asciiOnly and a
// byte beyond ASCII came; offset is where the component starts in the body, for the error message.
template<typename Unit>
Result<qsizetype> percentDecode(const char *encoded, qsizetype size, qsizetype offset, Unit *out,
                                bool asciiOnly)
{
    Unit *const start = out;
    for (qsizetype i = 0; i < size; ++i) {
        uchar byte = uchar(encoded[i]);
        if (byte == '+') {
            byte = ' ';
        } else if (byte == '%') {
            const int high = i + 1 < size ? hexValue(encoded[i + 1]) : -1;
            const int low = i + 2 < size ? hexValue(encoded[i + 2]) : -1;
            if (high < 0 || low < 0)
                return Failure(
                    QStringLiteral("malformed percent-encoding at byte %1 of the form body").arg(offset + i));
            byte = uchar(high * 16 + low);
            i += 2;
        }
        if (asciiOnly && byte >= 0x80)
            return beyondAscii;
        *out++ = Unit(byte);
    }
    return out - start;
}

// Decodes one name or value. Every webhook decodes some twenty of them, most plain ASCII: one pass straight
// into the string, and the UTF-8 decoder only for a component with bytes beyond ASCII.
Result<QString> decodeComponent(const char *encoded, qsizetype size, qsizetype offset)
{
    QString text(size, Qt::Uninitialized);
    const auto ascii = percentDecode(encoded, size, offset, reinterpret_cast<char16_t *>(text.data()), true);
    if (!ascii)
        return Failure(ascii.error());
    if (*ascii != beyondAscii) {
        text.truncate(*ascii);
        return text;
    }
    QByteArray bytes(size, Qt::Uninitialized);
    const auto decoded = percentDecode(encoded, size, offset, bytes.data(), false);
    if (!decoded)
        return Failure(decoded.error());
    bytes.truncate(*decoded);
    // ConvertInitialBom: a value may start with U+FEFF, and it must survive (Twilio signed it).
    QStringDecoder utf8(QStringDecoder::Utf8,
                        QStringDecoder::Flag::Stateless | QStringDecoder::Flag::ConvertInitialBom);
    text = utf8(bytes);
    if (utf8.hasError())
        return Failure(
            QStringLiteral("the form field at byte %1 is not valid UTF-8 once decoded").arg(offset));
    return text;
}

QByteArray encodeComponent(const QString &text)
{
    return text.toUtf8().toPercentEncoding(" ").replace(' ', '+');
}

} // namespace

FormParameters::FormParameters(std::initializer_list<Pair> pairs)
    : m_pairs(pairs)
{ }

Result<FormParameters> FormParameters::decode(const QByteArray &body)
{
    FormParameters form;
    form.m_pairs.reserve(qMin<qsizetype>(body.count('&') + 1, maxParameters));
    const char *const data = body.constData();
    qsizetype start = 0;
    while (start <= body.size()) {
        qsizetype end = body.indexOf('&', start);
        if (end < 0)
            end = body.size();
        if (end > start) {
            if (form.size() >= maxParameters)
                return Failure(QStringLiteral("the form body has more than %1 fields").arg(maxParameters));
            const char *const field = data + start;
            const qsizetype fieldSize = end - start;
            const auto equalsAt = static_cast<const char *>(std::memchr(field, '=', size_t(fieldSize)));
            const qsizetype nameSize = equalsAt ? equalsAt - field : fieldSize;
            if (nameSize == 0)
                return Failure(QStringLiteral("the form field at byte %1 has no name").arg(start));
            const auto name = decodeComponent(field, nameSize, start);
            if (!name)
                return Failure(name.error());
            const qsizetype valueStart = equalsAt ? nameSize + 1 : fieldSize;
            const auto value
                = decodeComponent(field + valueStart, fieldSize - valueStart, start + valueStart);
            if (!value)
                return Failure(value.error());
            form.m_pairs.append({ *name, *value });
        }
        start = end + 1;
    }
    return form;
}

QByteArray FormParameters::encode() const
{
    QByteArray body;
    for (const auto &[name, value] : m_pairs) {
        if (!body.isEmpty())
            body += '&';
        body += encodeComponent(name) + '=' + encodeComponent(value);
    }
    return body;
}

void FormParameters::set(const QString &name, const QString &value)
{
    m_pairs.removeIf([&](const Pair &pair) { return pair.first == name; });
    m_pairs.append({ name, value });
}

bool FormParameters::contains(const QString &name) const
{
    return std::any_of(m_pairs.cbegin(), m_pairs.cend(),
                       [&](const Pair &pair) { return pair.first == name; });
}

QString FormParameters::value(const QString &name, const QString &fallback) const
{
    for (const auto &pair : m_pairs) {
        if (pair.first == name)
            return pair.second;
    }
    return fallback;
}

QStringList FormParameters::values(const QString &name) const
{
    QStringList result;
    for (const auto &pair : m_pairs) {
        if (pair.first == name)
            result << pair.second;
    }
    return result;
}

QStringList FormParameters::names() const
{
    QStringList result;
    for (const auto &pair : m_pairs) {
        if (!result.contains(pair.first))
            result << pair.first;
    }
    return result;
}

} // namespace Webhook
