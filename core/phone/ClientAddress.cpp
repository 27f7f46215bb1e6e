#include "core/phone/ClientAddress.h"

namespace Phone {

QString ClientAddress::nameProblem(const QString &name)
{
    if (name.isEmpty())
        return QStringLiteral("a client name cannot be empty");
    if (name.size() > maxNameLength)
        return QStringLiteral("a client name has at most %1 characters").arg(maxNameLength);
    for (const QChar c : name) {
        const bool allowed
            = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'_';
        if (!allowed)
            return QStringLiteral("a client name may hold only letters A-Z, digits and '_', not '%1'").arg(c);
    }
    return {};
}

bool ClientAddress::isValidName(const QString &name)
{
    return nameProblem(name).isEmpty();
}

std::optional<ClientAddress> ClientAddress::fromName(const QString &name)
{
    if (!isValidName(name))
        return std::nullopt;
    return ClientAddress(name);
}

std::optional<ClientAddress> ClientAddress::parse(const QString &text)
{
    if (!hasPrefix(text, Qt::CaseInsensitive))
        return std::nullopt;
    return fromName(text.mid(prefix().size()));
}

} // namespace Phone
