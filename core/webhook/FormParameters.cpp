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

// Decodes one name or value whose bytes go beyond ASCII once decoded: through the UTF-8 decoder.
Result<QString> decodeUtf8Component(const char *encoded, qsizetype size, qsizetype offset)
{
    QByteArray bytes(size, Qt::Uninitialized);
    char *out = bytes.data();
    for (qsizetype i = 0; i < size; ++i) {
        const char c = encoded[i];
        if (c == '+') {
            *out++ = ' ';
        } else if (c == '%') {
            const int high = i + 1 < size ? hexValue(encoded[i + 1]) : -1;
            const int low = i + 2 < size ? hexValue(encoded[i + 2]) : -1;
            if (high < 0 || low < 0)
                return Result<QString>::failure(
                    QStringLiteral("malformed percent-encoding at byte %1 of the form body").arg(offset + i));
            *out++ = char(high * 16 + low);
            i += 2;
        } else {
            *out++ = c;
        }
    }
    bytes.truncate(out - bytes.constData());
    // ConvertInitialBom: a value may start with U+FEFF, and it must survive (Twilio signed it).
    QStringDecoder utf8(QStringDecoder::Utf8,
                        QStringDecoder::Flag::Stateless | QStringDecoder::Flag::ConvertInitialBom);
    QString text = utf8(bytes);
    if (utf8.hasError())
        return Result<QString>::failure(
            QStringLiteral("the form field at byte %1 is not valid UTF-8 once decoded").arg(offset));
    return Result<QString>::success(text);
}

// Decodes one name or value; offset is where it starts in the body, for the error message. Every webhook
// decodes some twenty of them, most plain ASCII: one pass straight into the string, and the UTF-8 decoder
// only for a component with bytes beyond ASCII.
Result<QString> decodeComponent(const char *encoded, qsizetype size, qsizetype offset)
{
    QString text(size, Qt::Uninitialized);
    QChar *out = text.data();
    for (qsizetype i = 0; i < size; ++i) {
        const char c = encoded[i];
        if (c == '+') {
            *out++ = u' ';
        } else if (c == '%') {
            const int high = i + 1 < size ? hexValue(encoded[i + 1]) : -1;
            const int low = i + 2 < size ? hexValue(encoded[i + 2]) : -1;
            if (high < 0 || low < 0)
                return Result<QString>::failure(
                    QStringLiteral("malformed percent-encoding at byte %1 of the form body").arg(offset + i));
            const int decoded = high * 16 + low;
            if (decoded >= 0x80)
                return decodeUtf8Component(encoded, size, offset);
            *out++ = QChar(char16_t(decoded));
            i += 2;
        } else {
            if (uchar(c) >= 0x80)
                return decodeUtf8Component(encoded, size, offset);
            *out++ = QLatin1Char(c);
        }
    }
    text.truncate(out - text.constData());
    return Result<QString>::success(text);
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
    using R = Result<FormParameters>;
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
                return R::failure(QStringLiteral("the form body has more than %1 fields").arg(maxParameters));
            const char *const field = data + start;
            const qsizetype fieldSize = end - start;
            const auto equalsAt = static_cast<const char *>(std::memchr(field, '=', size_t(fieldSize)));
            const qsizetype nameSize = equalsAt ? equalsAt - field : fieldSize;
            if (nameSize == 0)
                return R::failure(QStringLiteral("the form field at byte %1 has no name").arg(start));
            const auto name = decodeComponent(field, nameSize, start);
            if (!name)
                return R::failure(name.error());
            const qsizetype valueStart = equalsAt ? nameSize + 1 : fieldSize;
            const auto value
                = decodeComponent(field + valueStart, fieldSize - valueStart, start + valueStart);
            if (!value)
                return R::failure(value.error());
            form.m_pairs.append({ *name, *value });
        }
        start = end + 1;
    }
    return R::success(form);
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
