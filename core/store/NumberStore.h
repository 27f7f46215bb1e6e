#pragma once

// Which of our Twilio numbers rings which client: the mapping every incoming call is routed by.

#include "core/common/Result.h"
#include "core/phone/DefaultRegion.h"

#include <QHash>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace Store {

class Database;

struct NumberMapping
{
    qint64 id = 0;
    QString e164; // +815031234567
    QString clientName;
    QString label;
    bool enabled = true;
    bool clientDisabled = false; // the client's own flag, read along with the mapping
};

class NumberStore
{
public:
    // Numbers written without +CC are read as numbers of defaultRegion (ISO 3166).
    explicit NumberStore(std::shared_ptr<Database> database, QString defaultRegion = Phone::defaultRegion());

    // number in any usual form; stored in E.164. A number maps to at most one client.
    Result<NumberMapping> add(const QString &number, const QString &clientName, const QString &label = {});
    Result<void> remove(const QString &number);
    Result<void> setEnabled(const QString &number, bool enabled);
    Result<void> setLabel(const QString &number, const QString &label);
    // Rewrites the mapping with changed.id as a whole (number, client, label, enabled): what an edit in the
    // admin table does. Refused, changing nothing, when the number is invalid or mapped already, the client
    // does not exist, or the mapping is gone.
    Result<NumberMapping> update(const NumberMapping &changed);

    // Exact E.164 lookup, one indexed query.
    std::optional<NumberMapping> find(const QString &e164) const;
    // The client e164 rings, when both the number and its client are enabled: what routing asks of
    // every incoming call, in one narrow query.
    std::optional<QString> enabledClientFor(const QString &e164) const;
    QList<NumberMapping> list() const; // by number
    QList<NumberMapping> numbersOf(const QString &clientName) const; // by number
    // The client's enabled numbers, by number. The first is its own number: the caller ID of its calls
    // unless it asks for another, and the number the desktop phone shows as its own.
    QList<NumberMapping> enabledNumbersOf(const QString &clientName) const;
    std::optional<NumberMapping> ownNumberOf(const QString &clientName) const;
    // How many numbers each client owns (clients without any are left out), counted by the database.
    QHash<QString, int> countsByClient() const;

    // Adds all of mappings or, when any one is refused, none, and says which and why. Numbers may be in
    // any usual form; id is ignored. Fast enough for imports of 100,000 numbers.
    Result<int> addMany(const QList<NumberMapping> &mappings);

    const QString &defaultRegion() const { return m_defaultRegion; }

private:
    Result<QString> normalised(const QString &number) const;
    QString alreadyMapped(const QString &e164) const;

    std::shared_ptr<Database> m_database;
    QString m_defaultRegion;
};

} // namespace Store
