#include "core/setup/AccountConnector.h"

#include "core/store/TwilioChanges.h"

#include <QJsonArray>

#include <algorithm>

namespace Setup {
namespace {

using Kind = RemoteResource::Kind;
using Action = PlannedChange::Action;

QString fieldList(const PlannedChange &change)
{
    QStringList names;
    for (const FieldChange &field : change.fields)
        names << field.name;
    return names.join(QStringLiteral(", "));
}

// A noted change, named as a planned one is: "+81 50-3123-4567 (PN…)", "API key "…" (SK…)".
PlannedChange shownChange(const Store::TwilioChange &change)
{
    PlannedChange shown;
    shown.kind = RemoteResource::kindNamed(change.kind).value_or(Kind::Number);
    shown.sid = RemoteResource::sidOf(change.resource);
    shown.label = change.label;
    return shown;
}

} // namespace

struct AccountConnector::Look
{
    Known known;
    AccountLook found;
    LookDone done;
};

// One apply or disconnect: its steps run one after the other, each calling next when it is over.
struct AccountConnector::Run
{
    using Step = std::function<void(const std::function<void()> &next)>;

    Local local;
    SetupReport report;
    QList<Step> steps;
    ReportDone done;

    static void next(const std::shared_ptr<Run> &run)
    {
        if (run->steps.isEmpty()) {
            run->done(std::move(run->report));
            return;
        }
        const Step step = run->steps.takeFirst();
        step([run] { next(run); });
    }
};

AccountConnector::AccountConnector(Rest::ApiAccess access, std::shared_ptr<Store::Database> database,
                                   QObject *parent)
    : QObject(parent)
    , m_rest(std::move(access))
    , m_database(std::move(database))
{ }

AccountConnector::~AccountConnector() = default;

QString AccountConnector::signInProblem(const Rest::ApiReply &reply, const QString &accountSid)
{
    if (reply.status == 401 || reply.status == 403)
        return QStringLiteral(
                   "Twilio does not accept these credentials for account %1: check the Account SID "
                   "and the auth token (or the API key and its secret) in Twilio's console, "
                   "under Account Info.")
            .arg(accountSid);
    if (reply.status == 404)
        return QStringLiteral("Twilio knows no account %1: check the Account SID in Twilio's console.")
            .arg(accountSid);
    return reply.problem;
}

Result<Rest::ApiAccess> AccountConnector::accessFor(Config::TwilioAccount account,
                                                    const QProcessEnvironment &environment)
{
    if (!account.authToken.isEmpty()) {
        account.apiKeySid.clear();
        account.apiKeySecret.clear();
    }
    return Rest::ApiAccess::forAccount(account, environment);
}

QStringList AccountConnector::undoLines(const QList<Store::TwilioChange> &noted)
{
    QStringList lines;
    for (const Store::TwilioChange &change : noted) {
        const PlannedChange shown = shownChange(change);
        if (change.created) {
            lines << QStringLiteral("%1: delete it (Switchboard created it)").arg(shown.name());
            continue;
        }
        lines << shown.name() + u':';
        QStringList names = change.previous.keys();
        names.sort();
        for (const QString &name : names)
            lines << QStringLiteral("    %1 back to %2")
                         .arg(name,
                              change.previous.value(name).isEmpty() ? QStringLiteral("(not set)")
                                                                    : change.previous.value(name));
    }
    return lines;
}

void AccountConnector::look(const Known &known, LookDone done)
{
    auto look = std::make_shared<Look>();
    look->known = known;
    look->done = std::move(done);
    const QString accountSid = m_rest.access().accountSid;
    m_rest.fetchAccount(
        QStringLiteral("check account %1").arg(accountSid),
        [this, look, accountSid](const Rest::ApiReply &reply) {
            if (!reply.isOk()) {
                look->done(Failure(signInProblem(reply, accountSid)));
                return;
            }
            auto facts = AccountFacts::fromJson(reply.json());
            if (!facts) {
                look->done(Failure(facts.error()));
                return;
            }
            if (facts->sid != accountSid) {
                look->done(Failure(
                    QStringLiteral("Twilio answered about account %1, not %2").arg(facts->sid, accountSid)));
                return;
            }
            if (const QString problem = facts->problem(); !problem.isEmpty()) {
                look->done(Failure(problem));
                return;
            }
            look->found.account = *facts;
            QUrlQuery pageSize;
            pageSize.addQueryItem(QStringLiteral("PageSize"), QStringLiteral("100"));
            m_rest.fetchAll(
                RemoteResource::listOf(Kind::Number), RemoteResource::listKeyOf(Kind::Number),
                QStringLiteral("list the phone numbers"),
                [this, look](const Result<QJsonArray> &numbers) {
                    if (!numbers) {
                        look->done(Failure(numbers.error()));
                        return;
                    }
                    for (const auto &number : *numbers)
                        if (auto parsed = RemoteResource::fromJson(Kind::Number, number.toObject()))
                            look->found.numbers.append(*parsed);
                    std::sort(
                        look->found.numbers.begin(), look->found.numbers.end(),
                        [](const RemoteResource &a, const RemoteResource &b) { return a.label < b.label; });
                    findApp(look);
                },
                pageSize, 10000);
        });
}

void AccountConnector::findApp(const std::shared_ptr<Look> &look)
{
    // The app this setup created comes first, then the one the settings name, then one of our name.
    const auto noted = Store::TwilioChanges(m_database, m_rest.access().accountSid).list();
    if (!noted) {
        look->done(Failure(noted.error()));
        return;
    }
    QString appSid = look->known.appSid;
    for (const Store::TwilioChange &change : *noted)
        if (change.kind == RemoteResource::kindName(Kind::Application) && change.created) {
            appSid = RemoteResource::sidOf(change.resource);
            look->found.appCreatedHere = true;
        }
    auto byName = [this, look] {
        QUrlQuery name;
        name.addQueryItem(QStringLiteral("FriendlyName"), SetupPlan::appName());
        m_rest.fetchAll(
            RemoteResource::listOf(Kind::Application), RemoteResource::listKeyOf(Kind::Application),
            QStringLiteral("look for a TwiML App called %1").arg(SetupPlan::appName()),
            [this, look](const Result<QJsonArray> &apps) {
                if (!apps) {
                    look->done(Failure(apps.error()));
                    return;
                }
                for (const auto &app : *apps)
                    if (auto parsed = RemoteResource::fromJson(Kind::Application, app.toObject());
                        parsed && parsed->label == SetupPlan::appName()) {
                        look->found.app = *parsed;
                        break;
                    }
                findKey(look);
            },
            name, 50);
    };
    if (appSid.isEmpty()) {
        byName();
        return;
    }
    m_rest.fetch(RemoteResource::resourceOf(Kind::Application, appSid),
                 QStringLiteral("fetch TwiML App %1").arg(appSid),
                 [this, look, byName](const Rest::ApiReply &reply) {
                     if (reply.status == 404) { // deleted in the console: look for another
                         look->found.appCreatedHere = false;
                         byName();
                         return;
                     }
                     if (!reply.isOk()) {
                         look->done(Failure(reply.problem));
                         return;
                     }
                     look->found.app = RemoteResource::fromJson(Kind::Application, reply.json());
                     findKey(look);
                 });
}

void AccountConnector::findKey(const std::shared_ptr<Look> &look)
{
    const QString user = m_rest.access().user;
    if (user.startsWith(QLatin1String("SK"))) {
        look->found.signInKeySid = user;
        look->done(std::move(look->found));
        return;
    }
    const QString keySid = look->known.keySid;
    if (keySid.isEmpty()) {
        look->done(std::move(look->found));
        return;
    }
    m_rest.fetch(RemoteResource::resourceOf(Kind::Key, keySid),
                 QStringLiteral("fetch API key %1").arg(keySid), [look](const Rest::ApiReply &reply) {
                     if (reply.isOk())
                         look->found.key = RemoteResource::fromJson(Kind::Key, reply.json());
                     else if (reply.status != 404) {
                         look->done(Failure(reply.problem));
                         return;
                     }
                     look->done(std::move(look->found));
                 });
}

void AccountConnector::apply(const SetupPlan &plan, const Local &local, ReportDone done)
{
    auto run = std::make_shared<Run>();
    run->local = local;
    run->done = std::move(done);
    for (const PlannedChange &change : plan.changes()) {
        switch (change.kind) {
        case Kind::Key:
            run->steps.append([this, run, change](const auto &next) { applyKey(run, change, next); });
            break;
        case Kind::Application:
            run->steps.append([this, run, change](const auto &next) { applyApp(run, change, next); });
            break;
        case Kind::Number:
            run->steps.append([this, run, change](const auto &next) { applyNumber(run, change, next); });
            break;
        }
    }
    for (const NumberChoice &choice : plan.numbers())
        run->steps.append([run, choice](const std::function<void()> &next) {
            const QString number = PlannedChange { Kind::Number, Action::Keep, {}, choice.e164, {} }.name();
            if (const auto mapped = run->local.mapNumber(choice); !mapped)
                run->report.failed << QStringLiteral("Numbers page: %1 → client %2: %3")
                                          .arg(number, choice.clientName, mapped.error());
            else if (*mapped)
                run->report.done
                    << QStringLiteral("Numbers page: %1 rings client %2").arg(number, choice.clientName);
            next();
        });
    Run::next(run);
}

void AccountConnector::applyKey(const std::shared_ptr<Run> &run, const PlannedChange &change,
                                const std::function<void()> &next)
{
    if (change.action != Action::Create) {
        next();
        return;
    }
    m_rest.create(
        RemoteResource::listOf(Kind::Key), change.form(),
        QStringLiteral("create API key %1").arg(change.label),
        [this, run, change, next](const Rest::ApiReply &reply) {
            const QJsonObject json = reply.json();
            const QString sid = json.value(QLatin1String("sid")).toString();
            const QByteArray secret = json.value(QLatin1String("secret")).toString().toUtf8();
            if (!reply.isOk() || sid.isEmpty()) {
                run->report.failed << QStringLiteral("%1: not created: %2")
                                          .arg(change.name(),
                                               reply.isOk() ? QStringLiteral("Twilio's answer named no key")
                                                            : reply.problem);
                next();
                return;
            }
            // Made at Twilio: noted at once, so that disconnecting deletes it whatever happens next.
            Store::TwilioChange noted { RemoteResource::resourceOf(Kind::Key, sid),
                                        RemoteResource::kindName(Kind::Key),
                                        change.label,
                                        true,
                                        {} };
            const auto note = Store::TwilioChanges(m_database, m_rest.access().accountSid).note(noted);
            const auto kept = !note ? Result<void>(Failure(note.error()))
                : secret.isEmpty()  ? Result<void>(Failure(QStringLiteral("Twilio's answer held no secret")))
                                    : run->local.keepKey(sid, secret);
            if (kept) {
                run->report.done << QStringLiteral(
                                        "API key \"%1\" (%2) created; its secret is in the secret store")
                                        .arg(change.label, sid);
                next();
                return;
            }
            // A key whose secret is lost is of no use: delete it again rather than leave it behind.
            m_rest.remove(
                noted.resource, QStringLiteral("delete API key %1").arg(sid),
                [this, run, noted, sid, why = kept.error(), label = change.label,
                 next](const Rest::ApiReply &removed) {
                    if (!removed.isOk() && removed.status != 404) {
                        // Still noted: disconnecting deletes it.
                        run->report.failed << QStringLiteral("API key \"%1\" (%2): created, but its "
                                                             "secret could not be kept (%3), and it "
                                                             "could not be deleted again: %4")
                                                  .arg(label, sid, why, removed.problem);
                        next();
                        return;
                    }
                    run->report.failed << QStringLiteral("API key \"%1\": created, but its secret "
                                                         "could not be kept (%2); deleted again")
                                              .arg(label, why);
                    if (const auto forgotten
                        = Store::TwilioChanges(m_database, m_rest.access().accountSid).forget(noted.resource);
                        !forgotten)
                        run->report.failed << forgotten.error();
                    next();
                });
        });
}

void AccountConnector::applyApp(const std::shared_ptr<Run> &run, const PlannedChange &change,
                                const std::function<void()> &next)
{
    auto keep = [run, next](const QString &sid) {
        if (const auto kept = run->local.keepApp(sid); !kept)
            run->report.failed
                << QStringLiteral("TwiML App %1: not saved in the settings: %2").arg(sid, kept.error());
        next();
    };
    if (change.action == Action::Keep) {
        keep(change.sid);
        return;
    }
    Store::TwilioChanges changes(m_database, m_rest.access().accountSid);
    if (change.action == Action::Update) {
        if (const auto note = changes.note({ change.resource(), RemoteResource::kindName(Kind::Application),
                                             change.label, false, change.previous() });
            !note) {
            run->report.failed << QStringLiteral("%1: not changed: %2").arg(change.name(), note.error());
            next();
            return;
        }
        m_rest.update(change.resource(), change.form(), QStringLiteral("update %1").arg(change.name()),
                      [run, change, keep, next](const Rest::ApiReply &reply) {
                          if (!reply.isOk()) {
                              run->report.failed
                                  << QStringLiteral("%1: not changed: %2").arg(change.name(), reply.problem);
                              next();
                              return;
                          }
                          run->report.done
                              << QStringLiteral("%1: %2 changed").arg(change.name(), fieldList(change));
                          keep(change.sid);
                      });
        return;
    }
    m_rest.create(
        RemoteResource::listOf(Kind::Application), change.form(),
        QStringLiteral("create %1").arg(change.name()),
        [this, run, change, keep, next](const Rest::ApiReply &reply) {
            const auto app
                = reply.isOk() ? RemoteResource::fromJson(Kind::Application, reply.json()) : std::nullopt;
            if (!app) {
                run->report.failed << QStringLiteral("%1: not created: %2")
                                          .arg(change.name(),
                                               reply.isOk() ? QStringLiteral("Twilio's answer named no app")
                                                            : reply.problem);
                next();
                return;
            }
            if (const auto note = Store::TwilioChanges(m_database, m_rest.access().accountSid)
                                      .note({ app->resource(),
                                              RemoteResource::kindName(Kind::Application),
                                              app->label,
                                              true,
                                              {} });
                !note)
                run->report.failed << QStringLiteral("TwiML App %1: created, but not noted for "
                                                     "disconnecting: %2; delete it in Twilio's console "
                                                     "when you disconnect")
                                          .arg(app->sid, note.error());
            run->report.done << QStringLiteral("TwiML App \"%1\" (%2) created").arg(app->label, app->sid);
            keep(app->sid);
        });
}

void AccountConnector::applyNumber(const std::shared_ptr<Run> &run, const PlannedChange &change,
                                   const std::function<void()> &next)
{
    if (change.action != Action::Update) {
        next();
        return;
    }
    if (const auto note = Store::TwilioChanges(m_database, m_rest.access().accountSid)
                              .note({ change.resource(), RemoteResource::kindName(Kind::Number), change.label,
                                      false, change.previous() });
        !note) {
        run->report.failed << QStringLiteral("%1: not changed: %2").arg(change.name(), note.error());
        next();
        return;
    }
    m_rest.update(
        change.resource(), change.form(), QStringLiteral("update the webhooks of %1").arg(change.label),
        [run, change, next](const Rest::ApiReply &reply) {
            if (reply.isOk())
                run->report.done << QStringLiteral("%1: %2 changed").arg(change.name(), fieldList(change));
            else
                run->report.failed << QStringLiteral("%1: not changed: %2").arg(change.name(), reply.problem);
            next();
        });
}

void AccountConnector::disconnect(const Local &local, ReportDone done)
{
    auto run = std::make_shared<Run>();
    run->local = local;
    run->done = std::move(done);
    const auto noted = Store::TwilioChanges(m_database, m_rest.access().accountSid).list();
    if (!noted) {
        run->report.failed << QStringLiteral("what was changed cannot be read: %1").arg(noted.error());
        Run::next(run);
        return;
    }
    // The reverse order: the numbers before the app and key they came after.
    for (auto change = noted->crbegin(); change != noted->crend(); ++change)
        run->steps.append(
            [this, run, resource = change->resource](const auto &next) { undo(run, resource, next); });
    Run::next(run);
}

void AccountConnector::undo(const std::shared_ptr<Run> &run, const QString &resource,
                            const std::function<void()> &next)
{
    const QString accountSid = m_rest.access().accountSid;
    const auto found = Store::TwilioChanges(m_database, accountSid).find(resource);
    if (!found || !found->has_value()) {
        if (!found)
            run->report.failed << QStringLiteral("%1: %2").arg(resource, found.error());
        next();
        return;
    }
    const Store::TwilioChange change = **found;
    const PlannedChange shown = shownChange(change);
    const Kind kind = shown.kind;
    auto forget = [this, run, change, kind, shown, next](const QString &doneLine) {
        if (const auto forgotten
            = Store::TwilioChanges(m_database, m_rest.access().accountSid).forget(change.resource);
            !forgotten) {
            run->report.failed << QStringLiteral("%1: put back at Twilio, but still noted here: %2")
                                      .arg(shown.name(), forgotten.error());
            next();
            return;
        }
        Result<void> dropped;
        if (change.created && kind == Kind::Key)
            dropped = run->local.dropKey(shown.sid);
        else if (change.created && kind == Kind::Application)
            dropped = run->local.dropApp(shown.sid);
        if (!dropped)
            run->report.failed << QStringLiteral("%1: gone at Twilio, but still in the settings: %2")
                                      .arg(shown.name(), dropped.error());
        run->report.done << doneLine;
        next();
    };
    if (change.created) {
        m_rest.remove(change.resource, QStringLiteral("delete %1").arg(shown.name()),
                      [run, shown, forget, next](const Rest::ApiReply &reply) {
                          if (!reply.isOk() && reply.status != 404) {
                              run->report.failed
                                  << QStringLiteral("%1: not deleted: %2").arg(shown.name(), reply.problem);
                              next();
                              return;
                          }
                          forget(QStringLiteral("%1 deleted").arg(shown.name()));
                      });
        return;
    }
    QUrlQuery form;
    QStringList names = change.previous.keys();
    names.sort();
    for (const QString &name : names)
        form.addQueryItem(name, change.previous.value(name));
    m_rest.update(
        change.resource, form, QStringLiteral("restore %1").arg(shown.name()),
        [run, shown, names, forget, next](const Rest::ApiReply &reply) {
            if (reply.status == 404) { // released in the console: nothing left to restore
                forget(QStringLiteral("%1 is gone from the account; nothing to restore").arg(shown.name()));
                return;
            }
            if (!reply.isOk()) {
                run->report.failed << QStringLiteral("%1: not restored: %2").arg(shown.name(), reply.problem);
                next();
                return;
            }
            forget(QStringLiteral("%1: %2 restored").arg(shown.name(), names.join(QStringLiteral(", "))));
        });
}

} // namespace Setup
