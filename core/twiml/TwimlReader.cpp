#include "core/twiml/TwimlReader.h"

#include <QSet>
#include <QXmlStreamReader>

namespace Twiml {

bool TwimlReader::isVoiceVerb(const QString &name)
{
    static const QSet<QString> verbs {
        QStringLiteral("Connect"), QStringLiteral("Dial"),     QStringLiteral("Enqueue"),
        QStringLiteral("Gather"),  QStringLiteral("Hangup"),   QStringLiteral("Leave"),
        QStringLiteral("Pause"),   QStringLiteral("Pay"),      QStringLiteral("Play"),
        QStringLiteral("Record"),  QStringLiteral("Redirect"), QStringLiteral("Refer"),
        QStringLiteral("Reject"),  QStringLiteral("Say"),      QStringLiteral("Start"),
        QStringLiteral("Stop"),
    };
    return verbs.contains(name);
}

Result<Node> TwimlReader::read(const QByteArray &document)
{
    if (document.size() > maxDocumentSize)
        return Failure(QStringLiteral("TwiML larger than %1 bytes").arg(maxDocumentSize));

    // Reachable through declared encodings such as UTF-7, which Qt decodes without checking.
    const QString unpairedSurrogate = QStringLiteral("TwiML holds characters that are not valid Unicode");
    QXmlStreamReader xml(document);
    QList<Node> stack;
    std::optional<Node> root;
    int elements = 0;

    while (!xml.atEnd()) {
        switch (xml.readNext()) {
        case QXmlStreamReader::DTD:
        case QXmlStreamReader::EntityReference:
            return Failure(QStringLiteral("TwiML must not contain a DTD or entity declarations"));
        case QXmlStreamReader::ProcessingInstruction:
            return Failure(QStringLiteral("TwiML must not contain processing instructions"));
        case QXmlStreamReader::StartElement: {
            if (root)
                return Failure(QStringLiteral("content after the </Response> element"));
            if (++elements > maxElements)
                return Failure(QStringLiteral("TwiML with more than %1 elements").arg(maxElements));
            if (stack.size() >= maxDepth)
                return Failure(QStringLiteral("TwiML nested deeper than %1 levels").arg(maxDepth));
            if (!xml.namespaceUri().isEmpty() || xml.name().contains(u':'))
                return Failure(QStringLiteral("TwiML elements carry no namespace"));
            if (!xml.name().isValidUtf16())
                return Failure(unpairedSurrogate);
            Node node(xml.name().toString());
            if (stack.isEmpty() && node.name() != QLatin1String("Response"))
                return Failure(QStringLiteral("the root element is <%1>, not <Response>").arg(node.name()));
            for (const QXmlStreamAttribute &attribute : xml.attributes()) {
                if (!attribute.qualifiedName().isValidUtf16() || !attribute.value().isValidUtf16())
                    return Failure(unpairedSurrogate);
                if (!attribute.prefix().isEmpty() && attribute.prefix() != QLatin1String("xml"))
                    return Failure(QStringLiteral("TwiML attributes carry no namespace"));
                node.setAttribute(attribute.qualifiedName().toString(), attribute.value().toString());
            }
            stack.append(node);
            break;
        }
        case QXmlStreamReader::Characters:
            if (!xml.text().isValidUtf16())
                return Failure(unpairedSurrogate);
            if (!stack.isEmpty())
                stack.last().setText(stack.last().text() + xml.text().toString());
            break;
        case QXmlStreamReader::EndElement: {
            Node node = stack.takeLast();
            node.setText(node.text().trimmed());
            if (stack.isEmpty())
                root = node;
            else
                stack.last().append(node);
            break;
        }
        default:
            break;
        }
    }
    if (xml.hasError())
        return Failure(QStringLiteral("TwiML is not well-formed XML: %1 (line %2, column %3)")
                           .arg(xml.errorString())
                           .arg(xml.lineNumber())
                           .arg(xml.columnNumber()));
    if (!root)
        return Failure(QStringLiteral("TwiML has no <Response> element"));
    return *root;
}

} // namespace Twiml
