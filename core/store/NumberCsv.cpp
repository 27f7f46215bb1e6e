#include "core/store/NumberCsv.h"

#include "core/phone/PhoneNumber.h"

#include <QHash>
#include <QSet>
#include <QStringDecoder>

namespace Store {
namespace {

enum Field { NumberField, ClientField, LabelField, EnabledField, FieldCount };

struct RawRow
{
    int line = 0;
    QStringList fields;
};

// RFC 4180 fields, with quotes optional and CRLF or LF line ends. Fails on a quote left open, or on a
// character after a closing quote, naming the line.
Result<QList<RawRow>> split(const QString &text, QChar separator)
{
    QList<RawRow> rows;
    RawRow row;
    QString field;
    bool quoted = false; // inside quotes
    bool wasQuoted = false; // the current field had quotes, which have closed
    int line = 1;
    int quoteLine = 0;
    row.line = 1;
    auto endField = [&] {
        row.fields.append(field);
        field.clear();
        wasQuoted = false;
    };
    auto endRow = [&] {
        endField();
        const bool blank = row.fields.size() == 1 && row.fields.first().trimmed().isEmpty();
        if (!blank)
            rows.append(row);
        row = RawRow();
        row.line = line;
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"') {
                if (i + 1 < text.size() && text.at(i + 1) == u'"') {
                    field += u'"';
                    ++i;
                } else {
                    quoted = false;
                    wasQuoted = true;
                }
            } else {
                if (c == u'\n')
                    ++line;
                field += c;
            }
            continue;
        }
        if (c == separator) {
            endField();
        } else if (c == u'\r' || c == u'\n') {
            if (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n')
                ++i;
            ++line;
            endRow();
        } else if (c == u'"' && field.trimmed().isEmpty() && !wasQuoted) {
            quoted = true;
            quoteLine = line;
            field.clear();
        } else if (wasQuoted && !c.isSpace()) {
            return Failure(QStringLiteral("line %1: text after a closing quote; a quote inside a field "
                                          "is written twice (\"\")")
                               .arg(line));
        } else if (!wasQuoted) {
            field += c;
        }
    }
    if (quoted)
        return Failure(QStringLiteral("line %1: a quote opens a field that never ends").arg(quoteLine));
    if (!field.isEmpty() || !row.fields.isEmpty())
        endRow();
    return rows;
}

// The column each field is in, when the first row names them.
std::optional<QHash<int, int>> headerColumns(const QStringList &fields)
{
    static const QHash<QString, int> names = {
        { QStringLiteral("number"), NumberField }, { QStringLiteral("phone number"), NumberField },
        { QStringLiteral("e164"), NumberField },   { QStringLiteral("client"), ClientField },
        { QStringLiteral("label"), LabelField },   { QStringLiteral("enabled"), EnabledField },
    };
    QHash<int, int> columns; // field index -> Field
    for (int i = 0; i < fields.size(); ++i) {
        const QString name = fields.at(i).trimmed().toLower();
        if (name.isEmpty())
            continue;
        if (!names.contains(name))
            return std::nullopt;
        columns.insert(i, names.value(name));
    }
    const QList<int> found = columns.values();
    if (!found.contains(NumberField) || !found.contains(ClientField))
        return std::nullopt;
    return columns;
}

std::optional<bool> enabledValue(const QString &text)
{
    const QString value = text.trimmed().toLower();
    static const QStringList yes
        = { QString(),           QStringLiteral("yes"),    QStringLiteral("y"), QStringLiteral("true"),
            QStringLiteral("1"), QStringLiteral("enabled") };
    static const QStringList no = { QStringLiteral("no"), QStringLiteral("n"), QStringLiteral("false"),
                                    QStringLiteral("0"), QStringLiteral("disabled") };
    if (yes.contains(value))
        return true;
    if (no.contains(value))
        return false;
    return std::nullopt;
}

bool looksLikeFormula(const QString &text)
{
    return !text.isEmpty()
        && (text.front() == u'=' || text.front() == u'+' || text.front() == u'-' || text.front() == u'@');
}

QString quotedField(const QString &text, QChar separator)
{
    const bool needsQuotes = text.contains(separator) || text.contains(u'"') || text.contains(u'\n')
        || text.contains(u'\r') || text != text.trimmed();
    if (!needsQuotes)
        return text;
    QString escaped = text;
    escaped.replace(QLatin1String("\""), QLatin1String("\"\""));
    return u'"' + escaped + u'"';
}

} // namespace

Result<QList<NumberCsvRow>> NumberCsv::read(const QByteArray &data)
{
    if (data.size() > maxBytes)
        return Failure(QStringLiteral("the file is larger than %1 MiB").arg(maxBytes / (1024 * 1024)));
    auto decoder = QStringDecoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder(data);
    if (decoder.hasError())
        return Failure(QStringLiteral("the file is not UTF-8 text; save it as CSV UTF-8 and try again"));
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);

    const qsizetype firstLineEnd = text.indexOf(u'\n');
    const QString firstLine = text.left(firstLineEnd < 0 ? text.size() : firstLineEnd);
    const QChar separator = firstLine.contains(u';') && !firstLine.contains(u',') ? u';' : u',';
    const auto split = Store::split(text, separator);
    if (!split)
        return Failure(split.error());
    QList<RawRow> rawRows = *split;

    QHash<int, int> columns
        = { { 0, NumberField }, { 1, ClientField }, { 2, LabelField }, { 3, EnabledField } };
    if (!rawRows.isEmpty()) {
        if (const auto header = headerColumns(rawRows.first().fields)) {
            columns = *header;
            rawRows.removeFirst();
        }
    }

    QList<NumberCsvRow> rows;
    rows.reserve(rawRows.size());
    for (const RawRow &raw : std::as_const(rawRows)) {
        NumberCsvRow row;
        row.line = raw.line;
        QString enabled;
        for (int i = 0; i < raw.fields.size(); ++i) {
            const QString value = raw.fields.at(i).trimmed();
            if (!columns.contains(i)) {
                if (!value.isEmpty() && row.problem.isEmpty())
                    row.problem = QStringLiteral("more columns than number, client, label, enabled");
                continue;
            }
            switch (columns.value(i)) {
            case NumberField:
                row.mapping.e164 = value;
                break;
            case ClientField:
                row.mapping.clientName = value;
                break;
            case LabelField:
                row.mapping.label
                    = value.startsWith(u'\'') && looksLikeFormula(value.mid(1)) ? value.mid(1) : value;
                break;
            case EnabledField:
                enabled = value;
                break;
            }
        }
        if (const auto isEnabled = enabledValue(enabled))
            row.mapping.enabled = *isEnabled;
        else if (row.problem.isEmpty())
            row.problem = QStringLiteral("enabled is \"%1\"; write yes or no").arg(enabled);
        if (row.problem.isEmpty() && row.mapping.e164.isEmpty())
            row.problem = QStringLiteral("the number is missing");
        if (row.problem.isEmpty() && row.mapping.clientName.isEmpty())
            row.problem = QStringLiteral("the client is missing");
        rows.append(row);
    }
    return rows;
}

int NumberCsv::check(QList<NumberCsvRow> &rows, const NumberStore &store, const QStringList &clientNames)
{
    const QSet<QString> clients(clientNames.cbegin(), clientNames.cend());
    QSet<QString> mapped;
    for (const NumberMapping &mapping : store.list())
        mapped.insert(mapping.e164);
    QHash<QString, int> lineOf; // E.164 -> the line it was first seen on
    int problems = 0;
    for (NumberCsvRow &row : rows) {
        if (row.problem.isEmpty()) {
            const auto parsed = Phone::PhoneNumber::parse(row.mapping.e164, store.defaultRegion());
            if (!parsed) {
                row.problem = parsed.error();
            } else {
                row.mapping.e164 = parsed->e164();
                if (lineOf.contains(parsed->e164()))
                    row.problem = QStringLiteral("%1 is on line %2 already")
                                      .arg(parsed->e164())
                                      .arg(lineOf.value(parsed->e164()));
                else if (mapped.contains(parsed->e164()))
                    row.problem = QStringLiteral("%1 is mapped already").arg(parsed->e164());
                else if (!clients.contains(row.mapping.clientName))
                    row.problem = QStringLiteral("no client named %1").arg(row.mapping.clientName);
                lineOf.insert(parsed->e164(), row.line);
            }
        }
        if (!row.problem.isEmpty())
            ++problems;
    }
    return problems;
}

QByteArray NumberCsv::write(const QList<NumberMapping> &mappings)
{
    const QChar separator = u',';
    QString text = QStringLiteral("number,client,label,enabled\r\n");
    for (const NumberMapping &mapping : mappings) {
        const QString label = looksLikeFormula(mapping.label) ? u'\'' + mapping.label : mapping.label;
        text += quotedField(mapping.e164, separator) + separator + quotedField(mapping.clientName, separator)
            + separator + quotedField(label, separator) + separator
            + (mapping.enabled ? QStringLiteral("yes") : QStringLiteral("no")) + QStringLiteral("\r\n");
    }
    return text.toUtf8();
}

} // namespace Store
