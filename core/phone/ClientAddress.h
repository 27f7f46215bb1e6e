#pragma once

// A Twilio client's address, "client:NAME": the name a softphone registers under and is dialled by.

#include <QString>

#include <optional>

namespace Phone {

class ClientAddress
{
public:
    static constexpr int maxNameLength = 121; // Twilio's limit for an identity

    // "client:", what marks an address as a client's rather than a number.
    static QString prefix() { return QStringLiteral("client:"); }
    // Whether text is written as a client's address, whatever the name after the prefix. Twilio writes the
    // prefix in lower case; what a person types may not be.
    static bool hasPrefix(const QString &text, Qt::CaseSensitivity sensitivity = Qt::CaseSensitive)
    {
        return text.startsWith(prefix(), sensitivity);
    }
    // "client:NAME" for a name taken as it is: one from our store or from Twilio, not checked again.
    static QString addressOf(const QString &name) { return prefix() + name; }

    // "client:NAME" with a valid NAME, else nothing.
    static std::optional<ClientAddress> parse(const QString &text);
    static std::optional<ClientAddress> fromName(const QString &name);

    // Letters, digits and '_', 1 to 121 of them: safe as a Twilio identity, in TwiML and in URLs.
    static bool isValidName(const QString &name);
    // Why name is not valid, or an empty string when it is.
    static QString nameProblem(const QString &name);

    const QString &name() const { return m_name; }
    QString toString() const { return addressOf(m_name); }

    bool operator==(const ClientAddress &other) const { return m_name == other.m_name; }

private:
    explicit ClientAddress(QString name)
        : m_name(std::move(name))
    { }
    QString m_name;
};

} // namespace Phone
