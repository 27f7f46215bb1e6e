#include "core/setup/SetupPlan.h"

#include "core/phone/PhoneNumber.h"

#include <QSet>

#include <algorithm>

namespace Setup {
namespace {

using Kind = RemoteResource::Kind;
using Action = PlannedChange::Action;

// A change to resource that leaves wanted in its fields: each field that differs, or none (Keep).
PlannedChange changeOf(const RemoteResource &resource, const QList<QPair<QString, QString>> &wanted)
{
    PlannedChange change;
    change.kind = resource.kind;
    change.sid = resource.sid;
    change.label = resource.label;
    for (const auto &[name, value] : wanted)
        if (resource.fields.value(name) != value)
            change.fields.append({ name, resource.fields.value(name), value });
    change.action = change.fields.isEmpty() ? Action::Keep : Action::Update;
    return change;
}

PlannedChange creation(Kind kind, const QString &label, const QList<QPair<QString, QString>> &fields)
{
    PlannedChange change;
    change.kind = kind;
    change.action = Action::Create;
    change.label = label;
    for (const auto &[name, value] : fields)
        change.fields.append({ name, QString(), value });
    return change;
}

QString international(const QString &e164)
{
    const auto number = Phone::PhoneNumber::parse(e164);
    return number ? number->international() : e164;
}

} // namespace

Result<SetupPlan> SetupPlan::make(const AccountLook &look, const QList<NumberChoice> &chosen,
                                  const WebhookUrls &urls, const QString &keyName)
{
    SetupPlan plan;
    plan.m_urls = urls;
    plan.m_numbers = chosen;

    if (look.key) {
        plan.m_changes.append(changeOf(*look.key, {}));
    } else if (!look.signInKeySid.isEmpty()) {
        PlannedChange signIn;
        signIn.kind = Kind::Key;
        signIn.sid = look.signInKeySid;
        signIn.label = QStringLiteral("signed in with");
        signIn.action = Action::Keep;
        plan.m_changes.append(signIn);
    } else {
        plan.m_changes.append(creation(Kind::Key, keyName, { { QStringLiteral("FriendlyName"), keyName } }));
    }

    const QList<QPair<QString, QString>> appFields = {
        { QStringLiteral("VoiceUrl"), urls.outgoing },
        { QStringLiteral("VoiceMethod"), QStringLiteral("POST") },
        { QStringLiteral("StatusCallback"), urls.status },
        { QStringLiteral("StatusCallbackMethod"), QStringLiteral("POST") },
    };
    if (look.app)
        plan.m_changes.append(changeOf(*look.app, appFields));
    else
        plan.m_changes.append(creation(
            Kind::Application, appName(),
            QList<QPair<QString, QString>> { { QStringLiteral("FriendlyName"), appName() } } + appFields));

    auto numbers = forNumbers(look, chosen, urls);
    if (!numbers)
        return numbers;
    plan.m_changes += numbers->m_changes;
    return plan;
}

Result<SetupPlan> SetupPlan::forNumbers(const AccountLook &look, const QList<NumberChoice> &chosen,
                                        const WebhookUrls &urls)
{
    SetupPlan plan;
    plan.m_urls = urls;
    plan.m_numbers = chosen;
    QSet<QString> seen;
    for (const NumberChoice &choice : chosen) {
        if (choice.clientName.isEmpty())
            return Failure(QStringLiteral("%1 rings no client: choose the client it rings (add one on the "
                                          "Clients page, or with 'client add', first)")
                               .arg(international(choice.e164)));
        if (seen.contains(choice.e164))
            return Failure(QStringLiteral("%1 is chosen twice").arg(international(choice.e164)));
        seen.insert(choice.e164);
        const auto number = std::find_if(look.numbers.cbegin(), look.numbers.cend(),
                                         [&](const RemoteResource &n) { return n.label == choice.e164; });
        if (number == look.numbers.cend()) {
            QStringList owned;
            for (const RemoteResource &n : look.numbers)
                owned << international(n.label);
            return Failure(
                QStringLiteral("%1 is not a number of account %2; its numbers are: %3")
                    .arg(international(choice.e164), look.account.sid,
                         owned.isEmpty() ? QStringLiteral("none") : owned.join(QStringLiteral(", "))));
        }
        QList<QPair<QString, QString>> wanted = {
            { QStringLiteral("VoiceUrl"), urls.incoming },
            { QStringLiteral("VoiceMethod"), QStringLiteral("POST") },
            { QStringLiteral("StatusCallback"), urls.status },
            { QStringLiteral("StatusCallbackMethod"), QStringLiteral("POST") },
        };
        // A number answered by a TwiML App ignores its own VoiceUrl: the app goes, the URL counts.
        if (!number->fields.value(QStringLiteral("VoiceApplicationSid")).isEmpty())
            wanted.append({ QStringLiteral("VoiceApplicationSid"), QString() });
        plan.m_changes.append(changeOf(*number, wanted));
    }
    return plan;
}

bool SetupPlan::changesNothing() const
{
    return std::all_of(m_changes.cbegin(), m_changes.cend(),
                       [](const PlannedChange &change) { return change.action == Action::Keep; });
}

QStringList SetupPlan::lines() const
{
    QStringList lines;
    for (const PlannedChange &change : m_changes)
        lines << change.lines();
    return lines;
}

QString SetupPlan::summary() const
{
    if (m_numbers.isEmpty())
        return QStringLiteral("The phones call out through %1; no number rings them yet.")
            .arg(m_urls.publicUrl);
    QStringList rings;
    for (const NumberChoice &choice : m_numbers)
        rings << QStringLiteral("%1 now ring client:%2").arg(international(choice.e164), choice.clientName);
    return QStringLiteral("Calls to %1 through %2.")
        .arg(rings.join(QStringLiteral(", calls to ")), m_urls.publicUrl);
}

} // namespace Setup
