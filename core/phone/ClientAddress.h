#pragma once

// A Twilio client's address, "client:NAME": the name a softphone registers under and is dialled by.

#include <QString>

#include <optional>

namespace Phone {

class ClientAddress
{
public:
    static constexpr int maxNameLength = 121; // Twilio's limit for an identity

    // "client:NAME" with a valid NAME, else nothing.
    static std::optional<ClientAddress> parse(const QString &text);
    static std::optional<ClientAddress> fromName(const QString &name);

    // Letters, digits and '_', 1 to 121 of them: safe as a Twilio identity, in TwiML and in URLs.
    static bool isValidName(const QString &name);
    // Why name is not valid, or an empty string when it is.
    static QString nameProblem(const QString &name);

    const QString &name() const { return m_name; }
    QString toString() const { return QStringLiteral("client:") + m_name; }

    bool operator==(const ClientAddress &other) const { return m_name == other.m_name; }

private:
    explicit ClientAddress(QString name)
        : m_name(std::move(name))
    { }
    QString m_name;
};

} // namespace Phone
