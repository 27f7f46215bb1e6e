#pragma once

// The name/value pairs of an application/x-www-form-urlencoded body, in order, repeats kept.

#include "core/common/Result.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace Webhook {

class FormParameters
{
public:
    using Pair = QPair<QString, QString>;
    static constexpr int maxParameters = 1000;

    FormParameters() = default;
    FormParameters(std::initializer_list<Pair> pairs);

    // Strict decoding: '+' is a space, every '%' must start two hex digits, names may not be empty,
    // and the decoded bytes must be UTF-8. Anything else fails with the offending position; no guessing.
    static Result<FormParameters> decode(const QByteArray &body);
    // application/x-www-form-urlencoded: spaces as '+', everything but A-Z a-z 0-9 - . _ ~ percent-encoded.
    QByteArray encode() const;

    void append(const QString &name, const QString &value) { m_pairs.append({ name, value }); }
    // Replaces every value of name with this one (appended if there was none).
    void set(const QString &name, const QString &value);
    bool contains(const QString &name) const;
    QString value(const QString &name, const QString &fallback = {}) const; // the first one
    QStringList values(const QString &name) const;
    QStringList names() const; // distinct, in first-seen order

    const QList<Pair> &pairs() const { return m_pairs; }
    int size() const { return int(m_pairs.size()); }
    bool isEmpty() const { return m_pairs.isEmpty(); }

    bool operator==(const FormParameters &other) const { return m_pairs == other.m_pairs; }

private:
    QList<Pair> m_pairs;
};

} // namespace Webhook
