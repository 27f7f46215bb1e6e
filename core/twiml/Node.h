#pragma once

// One TwiML element: name, attributes in the order they were set, text, children.
// The builder writes these and the reader produces them.

#include <QList>
#include <QPair>
#include <QString>

namespace Twiml {

class Node
{
public:
    using Attribute = QPair<QString, QString>;

    explicit Node(const QString &name = {});

    const QString &name() const { return m_name; }

    const QList<Attribute> &attributes() const { return m_attributes; }
    bool hasAttribute(const QString &name) const;
    QString attribute(const QString &name, const QString &fallback = {}) const;
    // Replaces the value in place if the attribute is set already, else appends it.
    void setAttribute(const QString &name, const QString &value);

    const QString &text() const { return m_text; }
    void setText(const QString &text) { m_text = text; }

    const QList<Node> &children() const { return m_children; }
    void append(const Node &child) { m_children.append(child); }

    // This element as the helper library writes it: no whitespace, empty elements self-closed,
    // text and attributes escaped, characters XML cannot carry dropped.
    QString toXml() const;

    bool operator==(const Node &other) const;
    bool operator!=(const Node &other) const { return !(*this == other); }

private:
    void writeTo(QString &out) const;

    QString m_name;
    QList<Attribute> m_attributes;
    QString m_text;
    QList<Node> m_children;
};

} // namespace Twiml
