#include "core/setup/PlannedChange.h"

#include "core/phone/PhoneNumber.h"

namespace Setup {
namespace {

QString shown(const QString &value)
{
    return value.isEmpty() ? QStringLiteral("(not set)") : value;
}

} // namespace

QUrlQuery PlannedChange::form() const
{
    QUrlQuery form;
    for (const FieldChange &field : fields)
        form.addQueryItem(field.name, field.after);
    return form;
}

QHash<QString, QString> PlannedChange::previous() const
{
    QHash<QString, QString> previous;
    for (const FieldChange &field : fields)
        previous.insert(field.name, field.before);
    return previous;
}

QString PlannedChange::name() const
{
    const QString sidPart = sid.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(sid);
    switch (kind) {
    case RemoteResource::Kind::Number: {
        const auto number = Phone::PhoneNumber::parse(label);
        return (number ? number->international() : label) + sidPart;
    }
    case RemoteResource::Kind::Application:
        return QStringLiteral("TwiML App \"%1\"").arg(label) + sidPart;
    case RemoteResource::Kind::Key:
        return QStringLiteral("API key \"%1\"").arg(label) + sidPart;
    }
    return label;
}

QStringList PlannedChange::lines() const
{
    QStringList lines;
    switch (action) {
    case Action::Keep:
        lines << (kind == RemoteResource::Kind::Key
                      ? QStringLiteral("%1: kept; the phones' tokens are signed with it").arg(name())
                      : QStringLiteral("%1: already right, unchanged").arg(name()));
        break;
    case Action::Create:
        lines << QStringLiteral("%1: new").arg(name());
        break;
    case Action::Update:
        lines << QStringLiteral("%1:").arg(name());
        break;
    }
    if (kind == RemoteResource::Kind::Key && action == Action::Create)
        lines << QStringLiteral("    its secret goes straight to the secret store and is never shown");
    for (const FieldChange &field : fields) {
        if (action == Action::Create)
            lines << QStringLiteral("    %1 %2").arg(field.name, shown(field.after));
        else
            lines
                << QStringLiteral("    %1 %2 → %3").arg(field.name, shown(field.before), shown(field.after));
    }
    return lines;
}

} // namespace Setup
