#pragma once

// Connects a Twilio account to this server through Twilio's REST API, and disconnects it: looks at the
// account (AccountLook), applies a SetupPlan the person confirmed, and puts back what it changed. Each
// change is noted (Store::TwilioChanges) before it is sent; a failed step is reported and the others still
// run, so that the report says exactly what was and was not changed, and running again completes it.
// Every call ends in exactly one answer to its done, in this object's thread, unless it is deleted first.

#include "core/common/Result.h"
#include "core/config/TwilioAccount.h"
#include "core/rest/ApiAccess.h"
#include "core/rest/TwilioRestClient.h"
#include "core/setup/AccountLook.h"
#include "core/setup/SetupPlan.h"
#include "core/setup/SetupReport.h"

#include <QObject>
#include <QProcessEnvironment>

#include <functional>
#include <memory>

namespace Store {
class Database;
struct TwilioChange;
} // namespace Store

namespace Setup {

class AccountConnector : public QObject
{
    Q_OBJECT

public:
    // What this machine has already, so that it is used again rather than made anew.
    struct Known
    {
        QString appSid; // the TwiML App the settings name
        QString keySid; // the API key the settings name, when its secret is kept here
    };
    // What this machine keeps of the connection, as each step happens: a created key's secret goes to the
    // secret store the moment Twilio gives it, and is never shown.
    struct Local
    {
        std::function<Result<void>(const QString &keySid, const QByteArray &secret)> keepKey;
        std::function<Result<void>(const QString &keySid)> dropKey;
        std::function<Result<void>(const QString &appSid)> keepApp;
        std::function<Result<void>(const QString &appSid)> dropApp;
        // The Numbers page: true when the mapping was added or changed, false when it was right already.
        std::function<Result<bool>(const NumberChoice &number)> mapNumber;
    };

    using LookDone = std::function<void(Result<AccountLook>)>;
    using ReportDone = std::function<void(SetupReport)>;

    AccountConnector(Rest::ApiAccess access, std::shared_ptr<Store::Database> database,
                     QObject *parent = nullptr);
    ~AccountConnector() override;

    Rest::TwilioRestClient &rest() { return m_rest; }

    // Checks the credentials and the account, lists its numbers, finds the app and key to use again.
    void look(const Known &known, LookDone done);
    void apply(const SetupPlan &plan, const Local &local, ReportDone done);
    // Restores every field connecting changed, deletes what it created, in the reverse order.
    void disconnect(const Local &local, ReportDone done);

    // How to ask Twilio for account: with its own credentials (the auth token) when there are, since only
    // they may make API keys; else with its API key.
    static Result<Rest::ApiAccess> accessFor(Config::TwilioAccount account,
                                             const QProcessEnvironment &environment);
    // What disconnecting will do with what connecting noted, one line each, fields indented below.
    static QStringList undoLines(const QList<Store::TwilioChange> &noted);
    // The sentence for a refused sign-in or an account that cannot be used.
    static QString signInProblem(const Rest::ApiReply &reply, const QString &accountSid);

private:
    struct Look;
    struct Run;
    void findApp(const std::shared_ptr<Look> &look);
    void findKey(const std::shared_ptr<Look> &look);
    void applyKey(const std::shared_ptr<Run> &run, const PlannedChange &change,
                  const std::function<void()> &next);
    void applyApp(const std::shared_ptr<Run> &run, const PlannedChange &change,
                  const std::function<void()> &next);
    void applyNumber(const std::shared_ptr<Run> &run, const PlannedChange &change,
                     const std::function<void()> &next);
    void undo(const std::shared_ptr<Run> &run, const QString &resource, const std::function<void()> &next);

    Rest::TwilioRestClient m_rest;
    std::shared_ptr<Store::Database> m_database;
};

} // namespace Setup
