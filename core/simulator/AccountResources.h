#pragma once

// The simulator's Twilio account as its REST API shows and changes it (Server::SimulatedAccount): the
// account itself, its phone numbers with their webhooks (lists paged as Twilio pages them), its TwiML Apps
// and its API keys (a key's secret shown once, when it is made). Answers follow Twilio's published API
// description, which the tests check them against. Any thread.

#include "core/server/SimulatedAccount.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <mutex>
#include <optional>

namespace Simulator {

class AccountResources : public Server::SimulatedAccount
{
public:
    struct Options
    {
        QString accountSid;
        QString type = QStringLiteral("Full"); // Full or Trial
        QString status = QStringLiteral("active"); // active, suspended, closed
        QStringList numbers = defaultNumbers(); // E.164; their voice URL is Twilio's demo at first
    };

    explicit AccountResources(Options options);

    // Three numbers, two in Japan and one in the US, as an account that has just bought them.
    static QStringList defaultNumbers();
    // The options SWITCHBOARD_SIMULATED_ACCOUNT (trial, suspended) and SWITCHBOARD_SIMULATED_NUMBERS
    // (comma-separated E.164) set, for trying the setup on a made-up account; empty ones keep the defaults.
    static Result<Options> optionsFrom(const QString &accountSid, const QString &account,
                                       const QString &numbers);

    bool acceptsKey(const QString &keySid, const QByteArray &secret) const override;
    Server::HttpResponse request(const QByteArray &method, const QString &resource, const QUrlQuery &query,
                                 const Webhook::FormParameters &form, QString *what) override;

    // What Twilio's console would show, for tests: a number's JSON (snake_case), none when it has none.
    std::optional<QJsonObject> number(const QString &e164) const;
    QList<QJsonObject> applications() const;
    QStringList keySids() const;
    // What a person does in Twilio's console: points a number's voice URL elsewhere.
    void setVoiceUrl(const QString &e164, const QString &url);
    // What Twilio does: the account is upgraded (type Full), suspended, reactivated.
    void setAccountState(const QString &type, const QString &status);
    // Changes to the number are refused (403), as for a number the credentials may not change.
    void refuseChanges(const QString &e164, bool refused);

private:
    enum class Kind { Number, Application, Key };

    Server::HttpResponse account() const;
    Server::HttpResponse list(Kind kind, const QUrlQuery &query, const QString &resource) const;
    Server::HttpResponse create(Kind kind, const Webhook::FormParameters &form, QString *what);
    Server::HttpResponse update(Kind kind, const QString &sid, const Webhook::FormParameters &form,
                                QString *what);
    Server::HttpResponse remove(Kind kind, const QString &sid, QString *what);
    QList<QJsonObject> &itemsOf(Kind kind);
    const QList<QJsonObject> &itemsOf(Kind kind) const;
    QString uriOf(const QString &resource) const;
    // The fields a POST may set on kind, by form name.
    static QStringList settable(Kind kind);

    Options m_options;
    mutable std::mutex m_mutex; // guards the rest
    QList<QJsonObject> m_numbers;
    QList<QJsonObject> m_applications;
    QList<QJsonObject> m_keys;
    QHash<QString, QByteArray> m_keySecrets;
    QStringList m_refused; // E.164 of the numbers whose changes are refused
};

} // namespace Simulator
