#include "core/store/TwilioChanges.h"

#include "core/store/Database.h"
#include "core/store/Statement.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

namespace Store {
namespace {

constexpr char selectChange[]
    = "SELECT resource, kind, label, created, previous FROM twilio_changes WHERE account_sid = ?";

QString previousText(const QHash<QString, QString> &previous)
{
    QJsonObject object;
    for (auto field = previous.cbegin(); field != previous.cend(); ++field)
        object.insert(field.key(), field.value());
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

TwilioChange changeFrom(const Statement &select)
{
    TwilioChange change;
    change.resource = select.value(0).toString();
    change.kind = select.value(1).toString();
    change.label = select.value(2).toString();
    change.created = select.value(3).toInt() != 0;
    const QJsonObject previous = QJsonDocument::fromJson(select.value(4).toString().toUtf8()).object();
    for (auto field = previous.constBegin(); field != previous.constEnd(); ++field)
        change.previous.insert(field.key(), field.value().toString());
    return change;
}

} // namespace

TwilioChanges::TwilioChanges(std::shared_ptr<Database> database, QString accountSid)
    : m_database(std::move(database))
    , m_accountSid(std::move(accountSid))
{ }

Result<bool> TwilioChanges::note(const TwilioChange &change)
{
    Statement insert(*m_database,
                     QStringLiteral("INSERT INTO twilio_changes (account_sid, resource, kind, label, created,"
                                    " previous, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                                    " ON CONFLICT (account_sid, resource) DO NOTHING"));
    insert.bindText(m_accountSid).bindText(change.resource).bindText(change.kind).bindText(change.label);
    insert.bind(change.created ? 1 : 0).bindText(previousText(change.previous));
    insert.bind(QDateTime::currentMSecsSinceEpoch());
    if (auto done = insert.exec(QStringLiteral("note the change of %1 at Twilio").arg(change.resource));
        !done)
        return Failure(done.error());
    return insert.rowsAffected() == 1;
}

Result<void> TwilioChanges::forget(const QString &resource)
{
    Statement remove(*m_database,
                     QStringLiteral("DELETE FROM twilio_changes WHERE account_sid = ? AND resource = ?"));
    remove.bindText(m_accountSid).bindText(resource);
    return remove.exec(QStringLiteral("forget the change of %1 at Twilio").arg(resource));
}

Result<std::optional<TwilioChange>> TwilioChanges::find(const QString &resource) const
{
    Statement select(*m_database, QLatin1String(selectChange) + QStringLiteral(" AND resource = ?"));
    select.bindText(m_accountSid).bindText(resource);
    if (const auto done = select.exec(QStringLiteral("read the change of %1 at Twilio").arg(resource)); !done)
        return Failure(done.error());
    if (!select.next())
        return std::optional<TwilioChange>();
    return std::optional<TwilioChange>(changeFrom(select));
}

Result<QList<TwilioChange>> TwilioChanges::list() const
{
    Statement select(*m_database, QLatin1String(selectChange) + QStringLiteral(" ORDER BY id"));
    select.bindText(m_accountSid);
    if (const auto done = select.exec(QStringLiteral("read what was changed at Twilio")); !done)
        return Failure(done.error());
    QList<TwilioChange> result;
    while (select.next())
        result.append(changeFrom(select));
    return result;
}

} // namespace Store
