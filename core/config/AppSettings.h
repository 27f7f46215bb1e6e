#pragma once

// The settings that are not secrets (the phone, the server, the database), as one value read once and
// passed to whoever needs them; the Twilio account is AccountSettings. Each field has its check, so the
// settings page can say what is wrong next to the field and a refused save writes nothing.

#include "core/common/Result.h"
#include "core/config/ListenAddress.h"
#include "core/phone/DefaultRegion.h"
#include "core/phone/NumberType.h"
#include "core/routing/DialTimeout.h"
#include "core/routing/RoutingSettings.h"
#include "core/routing/VoicemailLength.h"
#include "core/team/ServerAccount.h"
#include "core/token/TokenLifetime.h"

#include <QList>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

QT_BEGIN_NAMESPACE
class QSettings;
QT_END_NAMESPACE

namespace Config {

class SecretStore;

struct AppSettings
{
    QString clientName = QStringLiteral("desktop"); // phone/client: the phone's Twilio client identity
    QString region = Phone::defaultRegion(); // phone/region: default region for numbers (ISO 3166)
    int tokenTtl = Token::TokenLifetime::defaultSeconds; // phone/tokenTtl: seconds, Token::TokenLifetime
    QString edge; // phone/edge: empty (Twilio picks) or one of edges()
    QStringList codecPreferences = { QStringLiteral("opus"), QStringLiteral("pcmu") }; // phone/codecs
    ListenAddress listen = { QHostAddress(QHostAddress::LocalHost), 8080 }; // server/listen "HOST:PORT"
    QString publicUrl; // server/publicUrl: empty (the listening address) or http(s)://host[:port][/path]
    QString database; // store/database: empty = the default SQLite file; never with a password in it
    // calls/allowedRegions: ISO regions outgoing calls may reach; empty = region alone
    // (Routing::TollFraudGuard)
    QStringList allowedRegions;
    // calls/allowedNumberTypes: types refused by default (premium-rate, satellite, ...) allowed anyway
    QList<Phone::NumberType> allowedNumberTypes;
    int dialTimeout = Routing::DialTimeout::defaultSeconds; // calls/dialTimeout: seconds a call rings
    // calls/voicemailMaxLength: seconds a caller may speak after the tone
    int voicemailMaxLength = Routing::VoicemailLength::defaultSeconds;
    // calls/transcribeVoicemail: Twilio transcribes each message (billed per minute; English only)
    bool transcribeVoicemail = false;
    // calls/callControl: hold, transfer and added parties, each call through a conference of its own
    // (billed per participant-minute) (Routing::RoutingSettings::callControl)
    bool callControl = false;
    // phone/teamServer: empty, and this desktop is its own server; else the URL of the team's server,
    // which the phone signs in to as clientName, with the secret the secret store keeps (teamSecretKey).
    QString teamServer;

    // The SecretStore key of the PostgreSQL password, which never goes into store/database.
    static constexpr QLatin1StringView databasePasswordKey { "database-password" };
    // The SecretStore key of the phone's client secret on the team's server.
    static constexpr QLatin1StringView teamSecretKey { "team-client-secret" };
    // The database to open: store/database with the password the secret store keeps put back in (for a
    // PostgreSQL URL; anything else as it is). Fails, saying why, when the secret store cannot be read.
    Result<QString> databaseWithPassword(SecretStore &secrets) const;
    // Team mode: the server, client and secret the phone signs in with, or nothing when teamServer is
    // empty. SWITCHBOARD_SERVER_URL, SWITCHBOARD_CLIENT and SWITCHBOARD_CLIENT_SECRET in environment win
    // over the settings (for scripts and tests). Fails, saying why, when the secret store cannot be read.
    Result<std::optional<Team::ServerAccount>> teamAccount(SecretStore &secrets,
                                                           const QProcessEnvironment &environment) const;
    // What the call router is to do with these settings: region, toll-fraud guard, ringing, voicemail.
    Routing::RoutingSettings routing() const;

    // Invalid stored values: the default is used and a sentence naming the field is added to problems.
    // A database URL with a password (written by hand) is taken as it is, so the same database opens.
    static AppSettings load(const QSettings &settings, QStringList *problems = nullptr);
    // Each sentence names the field; empty when every field is valid.
    QStringList problems() const;
    // Refuses, writing nothing, when problems() is not empty.
    Result<void> save(QSettings &settings) const;

    // Each field's check: empty when valid, else why not (a sentence without the field's name).
    static QString clientNameProblem(const QString &name);
    static QString regionProblem(const QString &region);
    static QString tokenTtlProblem(int seconds);
    static QString edgeProblem(const QString &edge);
    static QString codecsProblem(const QStringList &codecs);
    static QString listenProblem(const ListenAddress &listen);
    static QString publicUrlProblem(const QString &text);
    static QString databaseProblem(const QString &database); // a password in it is a problem too
    static QString allowedRegionsProblem(const QStringList &regions);
    static QString dialTimeoutProblem(int seconds);
    static QString voicemailMaxLengthProblem(int seconds);
    static QString teamServerProblem(const QString &url); // empty is no problem: no team

    static QStringList edges(); // Twilio's public edges, and roaming
    static QStringList supportedRegions(); // what libphonenumber knows, sorted
    // Trimmed, without the trailing slash (the server appends /voice/... to it).
    static QString normalizedPublicUrl(const QString &url);
};

} // namespace Config
