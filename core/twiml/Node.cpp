#include "core/twiml/Node.h"

namespace Twiml {
namespace {

// XML 1.0 Char production: tab, LF, CR, and U+0020 upwards without surrogates halves, U+FFFE, U+FFFF.
bool isXmlChar(char32_t c)
{
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
        || (c >= 0x10000 && c <= 0x10FFFF);
}

// Escapes as xmlbuilder (under twilio-node) does: text escapes & < > CR; attribute values escape
// & < " TAB LF CR. Characters that XML cannot represent are dropped, so no input can break the document.
void appendEscaped(QString &out, const QString &value, bool attribute)
{
    const auto codePoints = value.toUcs4();
    for (const char32_t c : codePoints) {
        if (!isXmlChar(c))
            continue;
        switch (c) {
        case U'&':
            out += QLatin1String("&amp;");
            break;
        case U'<':
            out += QLatin1String("&lt;");
            break;
        case U'>':
            out += attribute ? QLatin1String(">") : QLatin1String("&gt;");
            break;
        case U'"':
            out += attribute ? QLatin1String("&quot;") : QLatin1String("\"");
            break;
        case U'\t':
            out += attribute ? QLatin1String("&#x9;") : QLatin1String("\t");
            break;
        case U'\n':
            out += attribute ? QLatin1String("&#xA;") : QLatin1String("\n");
            break;
        case U'\r':
            out += QLatin1String("&#xD;");
            break;
        default:
            out += QChar::fromUcs4(c); // not QString::fromUcs4, which drops U+FEFF as a BOM
        }
    }
}

} // namespace

Node::Node(const QString &name)
    : m_name(name)
{ }

bool Node::hasAttribute(const QString &name) const
{
    for (const auto &attribute : m_attributes) {
        if (attribute.first == name)
            return true;
    }
    return false;
}

QString Node::attribute(const QString &name, const QString &fallback) const
{
    for (const auto &attribute : m_attributes) {
        if (attribute.first == name)
            return attribute.second;
    }
    return fallback;
}

void Node::setAttribute(const QString &name, const QString &value)
{
    for (auto &attribute : m_attributes) {
        if (attribute.first == name) {
            attribute.second = value;
            return;
        }
    }
    m_attributes.append({ name, value });
}

QString Node::toXml() const
{
    QString out;
    writeTo(out);
    return out;
}

void Node::writeTo(QString &out) const
{
    out += u'<';
    out += m_name;
    for (const auto &[name, value] : m_attributes) {
        out += u' ';
        out += name;
        out += QLatin1String("=\"");
        appendEscaped(out, value, true);
        out += u'"';
    }
    if (m_text.isEmpty() && m_children.isEmpty()) {
        out += QLatin1String("/>");
        return;
    }
    out += u'>';
    appendEscaped(out, m_text, false);
    for (const Node &child : m_children)
        child.writeTo(out);
    out += QLatin1String("</");
    out += m_name;
    out += u'>';
}

bool Node::operator==(const Node &other) const
{
    return m_name == other.m_name && m_attributes == other.m_attributes && m_text == other.m_text
        && m_children == other.m_children;
}

} // namespace Twiml
