#include "core/twiml/PrettyPrint.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

namespace Twiml {

QString PrettyPrint::body(const QByteArray &body)
{
    const QByteArray trimmed = body.trimmed();
    std::optional<QString> pretty;
    if (trimmed.startsWith('<'))
        pretty = xml(trimmed);
    else if (trimmed.startsWith('{') || trimmed.startsWith('['))
        pretty = json(trimmed);
    return pretty ? *pretty : QString::fromUtf8(body);
}

std::optional<QString> PrettyPrint::xml(const QByteArray &document)
{
    QXmlStreamReader reader(document);
    // Declarations stay ordinary attributes, so they are copied as written rather than re-derived.
    reader.setNamespaceProcessing(false);
    QByteArray output;
    QXmlStreamWriter writer(&output);
    writer.setAutoFormatting(true);
    writer.setAutoFormattingIndent(indent);
    while (!reader.atEnd()) {
        switch (reader.readNext()) {
        case QXmlStreamReader::StartDocument:
            // Only a declaration that was there: the inspector shows what was sent.
            if (!reader.documentVersion().isEmpty())
                writer.writeStartDocument(reader.documentVersion().toString());
            break;
        case QXmlStreamReader::StartElement:
            writer.writeStartElement(reader.qualifiedName().toString());
            writer.writeAttributes(reader.attributes());
            break;
        case QXmlStreamReader::EndElement:
            writer.writeEndElement();
            break;
        case QXmlStreamReader::Characters:
            // Whitespace between elements is the old layout; autoFormatting makes the new one.
            if (reader.isCDATA())
                writer.writeCDATA(reader.text().toString());
            else if (!reader.isWhitespace())
                writer.writeCharacters(reader.text().toString());
            break;
        case QXmlStreamReader::Comment:
            writer.writeComment(reader.text().toString());
            break;
        case QXmlStreamReader::ProcessingInstruction:
            writer.writeProcessingInstruction(reader.processingInstructionTarget().toString(),
                                              reader.processingInstructionData().toString());
            break;
        case QXmlStreamReader::DTD:
            writer.writeDTD(reader.text().toString());
            break;
        case QXmlStreamReader::EntityReference:
            writer.writeEntityReference(reader.name().toString());
            break;
        default:
            break;
        }
    }
    if (reader.hasError())
        return std::nullopt;
    writer.writeEndDocument();
    return QString::fromUtf8(output).trimmed();
}

std::optional<QString> PrettyPrint::json(const QByteArray &document)
{
    QJsonParseError error;
    const QJsonDocument parsed = QJsonDocument::fromJson(document, &error);
    if (error.error != QJsonParseError::NoError)
        return std::nullopt;
    return QString::fromUtf8(parsed.toJson(QJsonDocument::Indented)).trimmed();
}

} // namespace Twiml
