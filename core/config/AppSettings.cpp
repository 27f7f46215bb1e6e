#include "core/config/AppSettings.h"

#include "core/config/SecretStore.h"
#include "core/phone/ClientAddress.h"
#include "core/phone/PhoneNumber.h"
#include "core/phone/RegionCode.h"
#include "core/routing/TollFraudGuard.h"
#include "core/store/DatabaseLocation.h"

#include <QDir>
#include <QRegularExpression>
#include <QSettings>
#include <QUrl>

namespace Config {
namespace {

constexpr QLatin1StringView clientKey("phone/client");
constexpr QLatin1StringView regionKey("phone/region");
constexpr QLatin1StringView tokenTtlKey("phone/tokenTtl");
constexpr QLatin1StringView edgeKey("phone/edge");
constexpr QLatin1StringView codecsKey("phone/codecs");
constexpr QLatin1StringView listenKey("server/listen");
constexpr QLatin1StringView oldPortKey("server/port"); // before server/listen: loopback and a port
constexpr QLatin1StringView publicUrlKey("server/publicUrl");
constexpr QLatin1StringView databaseKey("store/database");
constexpr QLatin1StringView allowedRegionsKey("calls/allowedRegions");
constexpr QLatin1StringView allowedNumberTypesKey("calls/allowedNumberTypes");
constexpr QLatin1StringView dialTimeoutKey("calls/dialTimeout");
constexpr QLatin1StringView voicemailMaxLengthKey("calls/voicemailMaxLength");
constexpr QLatin1StringView transcribeVoicemailKey("calls/transcribeVoicemail");
constexpr QLatin1StringView callControlKey("calls/callControl");
constexpr QLatin1StringView teamServerKey("phone/teamServer");

QString named(const QString &field, const QString &problem)
{
    return problem.isEmpty() ? QString() : field + QStringLiteral(": ") + problem;
}

} // namespace

QString AppSettings::clientNameProblem(const QString &name)
{
    return Phone::ClientAddress::nameProblem(name);
}

QString AppSettings::regionProblem(const QString &region)
{
    return Phone::RegionCode::problem(region);
}

QString AppSettings::tokenTtlProblem(int seconds)
{
    return Token::TokenLifetime::problem(seconds);
}

QString AppSettings::edgeProblem(const QString &edge)
{
    if (edge.isEmpty() || edges().contains(edge))
        return {};
    return QStringLiteral("'%1' is not a Twilio edge; use one of %2, or leave it empty")
        .arg(edge, edges().join(QStringLiteral(", ")));
}

QString AppSettings::codecsProblem(const QStringList &codecs)
{
    if (codecs.isEmpty())
        return QStringLiteral("choose at least one codec");
    for (const QString &codec : codecs)
        if (codec != QLatin1String("opus") && codec != QLatin1String("pcmu"))
            return QStringLiteral("'%1' is not a codec the phone has; use opus and pcmu").arg(codec);
    if (QStringList(codecs).removeDuplicates() != 0)
        return QStringLiteral("name each codec once");
    return {};
}

QString AppSettings::listenProblem(const ListenAddress &listen)
{
    if (listen.address.isNull())
        return QStringLiteral("give an IP address and a port, like 127.0.0.1:8080");
    if (listen.port == 0)
        return QStringLiteral("give a port from 1 to 65535, so that Twilio's URLs stay the same");
    return {};
}

QString AppSettings::publicUrlProblem(const QString &text)
{
    if (text.isEmpty())
        return {};
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || text.contains(QRegularExpression(QStringLiteral("\\s"))))
        return QStringLiteral("this is not a URL; write it like https://example.ngrok.app");
    if (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http"))
        return QStringLiteral("it must start with https:// (or http://)");
    if (url.host().isEmpty())
        return QStringLiteral("it names no host; write it like https://example.ngrok.app");
    if (url.hasQuery() || url.hasFragment())
        return QStringLiteral("remove the part after '?' or '#': Twilio's paths are added to this URL");
    if (!url.userInfo().isEmpty())
        return QStringLiteral("remove the user name and password before '@'");
    return {};
}

QString AppSettings::databaseProblem(const QString &database)
{
    if (database.isEmpty())
        return {};
    QByteArray password;
    Store::DatabaseLocation::withoutPassword(database, &password);
    if (!password.isEmpty())
        return QStringLiteral("the URL holds a password, which must not go into the settings file");
    const auto location = Store::DatabaseLocation::parse(database);
    if (!location)
        return location.error();
    if (!location->isPostgres()) {
        // A relative path would depend on the folder the app is started from.
        QString path
            = database.startsWith(QLatin1String("sqlite:"), Qt::CaseInsensitive) ? database.mid(7) : database;
        if (path.startsWith(QLatin1String("//")))
            path = path.mid(2);
        if (!QDir::isAbsolutePath(path))
            return QStringLiteral("give the full path of the file, such as %1")
                .arg(QDir::toNativeSeparators(QDir::home().filePath(QStringLiteral("switchboard.sqlite"))));
    }
    return {};
}

QString AppSettings::allowedRegionsProblem(const QStringList &regions)
{
    for (const QString &region : regions)
        if (region != Phone::RegionCode::normalized(region) || region.isEmpty())
            return QStringLiteral("write each region as two capital letters, such as US, not '%1'")
                .arg(region);
    const auto parsed = Routing::TollFraudGuard::parseRegions(regions);
    return parsed ? QString() : parsed.error();
}

QString AppSettings::dialTimeoutProblem(int seconds)
{
    return Routing::DialTimeout::problem(seconds);
}

QString AppSettings::voicemailMaxLengthProblem(int seconds)
{
    return Routing::VoicemailLength::problem(seconds);
}

QStringList AppSettings::edges()
{
    return { QStringLiteral("ashburn"),   QStringLiteral("dublin"),    QStringLiteral("frankfurt"),
             QStringLiteral("sao-paulo"), QStringLiteral("singapore"), QStringLiteral("sydney"),
             QStringLiteral("tokyo"),     QStringLiteral("umatilla"),  QStringLiteral("roaming") };
}

QStringList AppSettings::supportedRegions()
{
    return Phone::PhoneNumber::supportedRegions();
}

QString AppSettings::normalizedPublicUrl(const QString &url)
{
    QString text = url.trimmed();
    while (text.endsWith(u'/'))
        text.chop(1);
    return text;
}

Result<QString> AppSettings::databaseWithPassword(SecretStore &secrets) const
{
    const auto location = Store::DatabaseLocation::parse(database);
    if (!location || !location->isPostgres())
        return database;
    const auto password = secrets.read(databasePasswordKey);
    if (!password)
        return Failure(password.error());
    if (!password->has_value())
        return database;
    return Store::DatabaseLocation::withPassword(database, **password);
}

QString AppSettings::teamServerProblem(const QString &url)
{
    return url.isEmpty() ? QString() : Team::ServerAccount::urlProblem(QUrl(url));
}

Result<std::optional<Team::ServerAccount>>
AppSettings::teamAccount(SecretStore &secrets, const QProcessEnvironment &environment) const
{
    Team::ServerAccount account;
    account.server = QUrl(environment.value(QStringLiteral("SWITCHBOARD_SERVER_URL"), teamServer));
    if (account.server.isEmpty())
        return std::optional<Team::ServerAccount>();
    account.client = environment.value(QStringLiteral("SWITCHBOARD_CLIENT"), clientName);
    if (environment.contains(QStringLiteral("SWITCHBOARD_CLIENT_SECRET"))) {
        account.secret = environment.value(QStringLiteral("SWITCHBOARD_CLIENT_SECRET")).toUtf8();
    } else {
        const auto secret = secrets.read(teamSecretKey);
        if (!secret)
            return Failure(secret.error());
        account.secret = secret->value_or(QByteArray());
    }
    return std::optional<Team::ServerAccount>(account);
}

Routing::RoutingSettings AppSettings::routing() const
{
    Routing::RoutingSettings routing;
    routing.defaultRegion = region;
    routing.allowedRegions = allowedRegions;
    routing.allowedNumberTypes = allowedNumberTypes;
    routing.dialTimeout = dialTimeout;
    routing.voicemailMaxLength = voicemailMaxLength;
    routing.transcribeVoicemail = transcribeVoicemail;
    routing.callControl = callControl;
    return routing;
}

AppSettings AppSettings::load(const QSettings &settings, QStringList *problems)
{
    AppSettings loaded;
    const AppSettings defaults;
    QStringList found;
    // Takes the stored value when its check passes; else keeps the default and says why.
    const auto take = [&](const QString &key, const QString &field, auto &target, const auto &value,
                          const QString &problem) {
        if (!settings.contains(key))
            return;
        if (problem.isEmpty())
            target = value;
        else
            found << named(field, problem) + QStringLiteral(" (stored in %1; the default is used)").arg(key);
    };
    const QString client = settings.value(clientKey).toString();
    take(clientKey, QStringLiteral("Client name"), loaded.clientName, client, clientNameProblem(client));
    const QString region = Phone::RegionCode::normalized(settings.value(regionKey).toString());
    take(regionKey, QStringLiteral("Default region"), loaded.region, region, regionProblem(region));
    bool isNumber = false;
    const auto seconds
        = [&](QLatin1StringView key, const QString &field, int &target, QString (*problem)(int)) {
              const int value = settings.value(key).toInt(&isNumber);
              take(key, field, target, value,
                   isNumber ? problem(value) : QStringLiteral("not a number of seconds"));
          };
    seconds(tokenTtlKey, QStringLiteral("Token lifetime"), loaded.tokenTtl, &tokenTtlProblem);
    const QString edge = settings.value(edgeKey).toString();
    take(edgeKey, QStringLiteral("Edge"), loaded.edge, edge, edgeProblem(edge));
    const QStringList codecs = settings.value(codecsKey).toStringList();
    take(codecsKey, QStringLiteral("Codec preference"), loaded.codecPreferences, codecs,
         codecsProblem(codecs));

    if (settings.contains(listenKey)) {
        const auto listen = ListenAddress::parse(settings.value(listenKey).toString());
        take(listenKey, QStringLiteral("Listening address"), loaded.listen,
             listen ? *listen : defaults.listen, listen ? listenProblem(*listen) : listen.error());
    } else if (settings.contains(oldPortKey)) {
        const uint port = settings.value(oldPortKey).toUInt(&isNumber);
        ListenAddress old = defaults.listen;
        old.port = quint16(port);
        take(oldPortKey, QStringLiteral("Listening address"), loaded.listen, old,
             isNumber && port <= 65535 ? listenProblem(old) : QStringLiteral("not a port number"));
    }
    const QString publicUrl = normalizedPublicUrl(settings.value(publicUrlKey).toString());
    take(publicUrlKey, QStringLiteral("Public URL"), loaded.publicUrl, publicUrl,
         publicUrlProblem(publicUrl));
    const QString database = settings.value(databaseKey).toString().trimmed();
    take(databaseKey, QStringLiteral("Database"), loaded.database, database,
         databaseProblem(Store::DatabaseLocation::withoutPassword(database)));

    const auto regions
        = Routing::TollFraudGuard::parseRegions(settings.value(allowedRegionsKey).toStringList());
    take(allowedRegionsKey, QStringLiteral("Outgoing calls to"), loaded.allowedRegions,
         regions ? *regions : QStringList(), regions ? QString() : regions.error());
    const auto types
        = Routing::TollFraudGuard::parseNumberTypes(settings.value(allowedNumberTypesKey).toStringList());
    take(allowedNumberTypesKey, QStringLiteral("Also allow"), loaded.allowedNumberTypes,
         types ? *types : QList<Phone::NumberType>(), types ? QString() : types.error());
    seconds(dialTimeoutKey, QStringLiteral("Ring for"), loaded.dialTimeout, &dialTimeoutProblem);
    seconds(voicemailMaxLengthKey, QStringLiteral("Voicemail up to"), loaded.voicemailMaxLength,
            &voicemailMaxLengthProblem);
    // QSettings keeps a bool as the text "true" or "false" in its file: anything else was typed there.
    const auto flag = [&](QLatin1StringView key, const QString &label, bool &field) {
        const QString text = settings.value(key).toString().toLower();
        take(key, label, field, text == QLatin1String("true"),
             text == QLatin1String("true") || text == QLatin1String("false")
                 ? QString()
                 : QStringLiteral("not true or false"));
    };
    flag(transcribeVoicemailKey, QStringLiteral("Transcribe voicemail"), loaded.transcribeVoicemail);
    flag(callControlKey, QStringLiteral("Call control"), loaded.callControl);
    const QString teamServer = settings.value(teamServerKey).toString().trimmed();
    take(teamServerKey, QStringLiteral("Team server"), loaded.teamServer, teamServer,
         teamServerProblem(teamServer));

    if (problems)
        *problems << found;
    return loaded;
}

QStringList AppSettings::problems() const
{
    QStringList found { named(QStringLiteral("Client name"), clientNameProblem(clientName)),
                        named(QStringLiteral("Default region"), regionProblem(region)),
                        named(QStringLiteral("Token lifetime"), tokenTtlProblem(tokenTtl)),
                        named(QStringLiteral("Edge"), edgeProblem(edge)),
                        named(QStringLiteral("Codec preference"), codecsProblem(codecPreferences)),
                        named(QStringLiteral("Listening address"), listenProblem(listen)),
                        named(QStringLiteral("Public URL"), publicUrlProblem(publicUrl)),
                        named(QStringLiteral("Database"), databaseProblem(database)),
                        named(QStringLiteral("Outgoing calls to"), allowedRegionsProblem(allowedRegions)),
                        named(QStringLiteral("Ring for"), dialTimeoutProblem(dialTimeout)),
                        named(QStringLiteral("Voicemail up to"),
                              voicemailMaxLengthProblem(voicemailMaxLength)),
                        named(QStringLiteral("Team server"), teamServerProblem(teamServer)) };
    found.removeAll(QString());
    return found;
}

Result<void> AppSettings::save(QSettings &settings) const
{
    if (const QStringList found = problems(); !found.isEmpty())
        return Failure(found.join(QStringLiteral("; ")));
    settings.setValue(clientKey, clientName);
    settings.setValue(regionKey, region);
    settings.setValue(tokenTtlKey, tokenTtl);
    settings.setValue(edgeKey, edge);
    settings.setValue(codecsKey, codecPreferences);
    settings.setValue(listenKey, listen.toString());
    settings.remove(oldPortKey); // server/listen says it now
    settings.setValue(publicUrlKey, normalizedPublicUrl(publicUrl));
    settings.setValue(databaseKey, database);
    settings.setValue(allowedRegionsKey, allowedRegions);
    QStringList typeNames;
    for (const Phone::NumberType type : allowedNumberTypes)
        typeNames << Phone::numberTypeName(type);
    settings.setValue(allowedNumberTypesKey, typeNames);
    settings.setValue(dialTimeoutKey, dialTimeout);
    settings.setValue(voicemailMaxLengthKey, voicemailMaxLength);
    settings.setValue(transcribeVoicemailKey, transcribeVoicemail);
    settings.setValue(callControlKey, callControl);
    settings.setValue(teamServerKey, teamServer);
    settings.sync();
    if (settings.status() != QSettings::NoError)
        return Failure(QStringLiteral("could not write the settings file %1").arg(settings.fileName()));
    return {};
}

} // namespace Config
