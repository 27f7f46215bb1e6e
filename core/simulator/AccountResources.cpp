#include "core/simulator/AccountResources.h"

#include "core/phone/PhoneNumber.h"
#include "core/server/SimulatedRestApi.h"
#include "core/simulator/TwilioParameters.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QUrl>

#include <algorithm>

namespace Simulator {
namespace {

// Twilio's form names are PascalCase, its JSON snake_case: VoiceApplicationSid is voice_application_sid.
QString jsonName(const QString &formName)
{
    QString name;
    for (const QChar c : formName) {
        if (c.isUpper() && !name.isEmpty())
            name += u'_';
        name += c.toLower();
    }
    return name;
}

QString now()
{
    return TwilioParameters::rfc2822(QDateTime::currentDateTimeUtc());
}

QString secret()
{
    static const char digits[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    QString text;
    for (int i = 0; i < 32; ++i)
        text += QLatin1Char(digits[QRandomGenerator::system()->bounded(int(sizeof(digits)) - 1)]);
    return text;
}

Server::HttpResponse badRequest(int code, const QString &message)
{
    return Server::SimulatedRestApi::twilioError(400, code, message);
}

Server::HttpResponse notFound(const QString &resource)
{
    return Server::SimulatedRestApi::twilioError(
        404, 20404, QStringLiteral("The requested resource %1 was not found").arg(resource.left(200)));
}

// Empty when value is fit for the field named, else Twilio's complaint.
QString fieldProblem(const QString &name, const QString &value)
{
    if (value.isEmpty() || name == QLatin1String("FriendlyName"))
        return value.size() > 64 ? QStringLiteral("%1 is longer than 64 characters").arg(name) : QString();
    if (name.endsWith(QLatin1String("Method")))
        return value == QLatin1String("GET") || value == QLatin1String("POST")
            ? QString()
            : QStringLiteral("%1 must be GET or POST, not '%2'").arg(name, value.left(20));
    if (name.endsWith(QLatin1String("Sid")))
        return QString();
    const QUrl url(value, QUrl::StrictMode);
    return url.isValid() && (url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http"))
            && !url.host().isEmpty()
        ? QString()
        : QStringLiteral("%1 is not a valid URL: %2").arg(name, value.left(200));
}

// As Twilio answers: a URL or SID that is not set is null, not "".
QJsonValue fieldValue(const QString &formName, const QString &value)
{
    const bool hasDefault
        = formName.endsWith(QLatin1String("Method")) || formName == QLatin1String("FriendlyName");
    return value.isEmpty() && !hasDefault ? QJsonValue() : QJsonValue(value);
}

} // namespace

AccountResources::AccountResources(Options options)
    : m_options(std::move(options))
{
    for (const QString &e164 : m_options.numbers) {
        const auto parsed = Phone::PhoneNumber::parse(e164);
        const QString sid = TwilioParameters::newSid(QStringLiteral("PN"));
        m_numbers.append({
            { QStringLiteral("sid"), sid },
            { QStringLiteral("account_sid"), m_options.accountSid },
            { QStringLiteral("phone_number"), e164 },
            { QStringLiteral("friendly_name"), parsed ? parsed->national() : e164 },
            { QStringLiteral("api_version"), QString(TwilioParameters::apiVersion) },
            { QStringLiteral("voice_url"), QStringLiteral("https://demo.twilio.com/welcome/voice/") },
            { QStringLiteral("voice_method"), QStringLiteral("POST") },
            { QStringLiteral("voice_fallback_url"), QJsonValue() },
            { QStringLiteral("voice_fallback_method"), QStringLiteral("POST") },
            { QStringLiteral("status_callback"), QJsonValue() },
            { QStringLiteral("status_callback_method"), QStringLiteral("POST") },
            { QStringLiteral("voice_application_sid"), QJsonValue() },
            { QStringLiteral("voice_caller_id_lookup"), false },
            { QStringLiteral("origin"), QStringLiteral("twilio") },
            { QStringLiteral("status"), QStringLiteral("in-use") },
            { QStringLiteral("capabilities"),
              QJsonObject { { QStringLiteral("voice"), true },
                            { QStringLiteral("sms"), true },
                            { QStringLiteral("mms"), false },
                            { QStringLiteral("fax"), false } } },
            { QStringLiteral("date_created"), now() },
            { QStringLiteral("date_updated"), now() },
            { QStringLiteral("uri"), uriOf(QStringLiteral("IncomingPhoneNumbers/%1.json").arg(sid)) },
        });
    }
}

QStringList AccountResources::defaultNumbers()
{
    return { QStringLiteral("+815031234567"), QStringLiteral("+815031234568"),
             QStringLiteral("+14155550123") };
}

Result<AccountResources::Options>
AccountResources::optionsFrom(const QString &accountSid, const QString &account, const QString &numbers)
{
    Options options;
    options.accountSid = accountSid;
    if (account == QLatin1String("trial"))
        options.type = QStringLiteral("Trial");
    else if (account == QLatin1String("suspended") || account == QLatin1String("closed"))
        options.status = account;
    else if (!account.isEmpty() && account != QLatin1String("full"))
        return Failure(
            QStringLiteral("SWITCHBOARD_SIMULATED_ACCOUNT is full, trial, suspended or closed, not '%1'")
                .arg(account.left(40)));
    if (!numbers.isEmpty()) {
        options.numbers.clear();
        for (const QString &text : numbers.split(u',', Qt::SkipEmptyParts)) {
            const auto number = Phone::PhoneNumber::parse(text.trimmed(), QStringLiteral("US"));
            if (!number)
                return Failure(QStringLiteral("SWITCHBOARD_SIMULATED_NUMBERS: %1").arg(number.error()));
            options.numbers.append(number->e164());
        }
    }
    return options;
}

QString AccountResources::uriOf(const QString &resource) const
{
    return QStringLiteral("/2010-04-01/Accounts/%1/%2").arg(m_options.accountSid, resource);
}

QList<QJsonObject> &AccountResources::itemsOf(Kind kind)
{
    return kind == Kind::Number ? m_numbers : kind == Kind::Application ? m_applications : m_keys;
}

const QList<QJsonObject> &AccountResources::itemsOf(Kind kind) const
{
    return kind == Kind::Number ? m_numbers : kind == Kind::Application ? m_applications : m_keys;
}

QStringList AccountResources::settable(Kind kind)
{
    switch (kind) {
    case Kind::Number:
        return { QStringLiteral("FriendlyName"),         QStringLiteral("VoiceUrl"),
                 QStringLiteral("VoiceMethod"),          QStringLiteral("VoiceFallbackUrl"),
                 QStringLiteral("VoiceFallbackMethod"),  QStringLiteral("StatusCallback"),
                 QStringLiteral("StatusCallbackMethod"), QStringLiteral("VoiceApplicationSid") };
    case Kind::Application:
        return { QStringLiteral("FriendlyName"),        QStringLiteral("VoiceUrl"),
                 QStringLiteral("VoiceMethod"),         QStringLiteral("VoiceFallbackUrl"),
                 QStringLiteral("VoiceFallbackMethod"), QStringLiteral("StatusCallback"),
                 QStringLiteral("StatusCallbackMethod") };
    case Kind::Key:
        return { QStringLiteral("FriendlyName") };
    }
    return {};
}

bool AccountResources::acceptsKey(const QString &keySid, const QByteArray &secret) const
{
    const std::lock_guard lock(m_mutex);
    const auto found = m_keySecrets.constFind(keySid);
    return found != m_keySecrets.cend() && !secret.isEmpty() && *found == secret;
}

Server::HttpResponse AccountResources::request(const QByteArray &method, const QString &resource,
                                               const QUrlQuery &query, const Webhook::FormParameters &form,
                                               QString *what)
{
    const std::lock_guard lock(m_mutex);
    if (resource.isEmpty()) {
        *what = QStringLiteral("the account");
        return method == "GET" ? account() : Server::HttpResponse::methodNotAllowed("GET");
    }
    static const QRegularExpression path(QStringLiteral(
        "^(IncomingPhoneNumbers|Applications|Keys)(?:/((?:PN|AP|SK)[0-9a-fA-F]{32}))?\\.json$"));
    const QRegularExpressionMatch match = path.match(resource);
    if (!match.hasMatch())
        return notFound(resource);
    const QString list = match.captured(1);
    const Kind kind = list == QLatin1String("IncomingPhoneNumbers") ? Kind::Number
        : list == QLatin1String("Applications")                     ? Kind::Application
                                                                    : Kind::Key;
    const QString sid = match.captured(2);
    *what = sid.isEmpty() ? list : sid;
    if (sid.isEmpty()) {
        if (method == "GET")
            return this->list(kind, query, resource);
        if (method == "POST" && kind != Kind::Number)
            return create(kind, form, what);
        return Server::HttpResponse::methodNotAllowed(kind == Kind::Number ? "GET" : "GET, POST");
    }
    if (method == "GET") {
        for (const QJsonObject &item : itemsOf(kind))
            if (item.value(QLatin1String("sid")).toString() == sid)
                return Server::HttpResponse::json(200, item);
        return notFound(resource);
    }
    if (method == "POST")
        return update(kind, sid, form, what);
    if (method == "DELETE")
        return remove(kind, sid, what);
    return Server::HttpResponse::methodNotAllowed("GET, POST, DELETE");
}

Server::HttpResponse AccountResources::account() const
{
    return Server::HttpResponse::json(
        200,
        { { QStringLiteral("sid"), m_options.accountSid },
          { QStringLiteral("owner_account_sid"), m_options.accountSid },
          { QStringLiteral("friendly_name"), QStringLiteral("Simulated account") },
          { QStringLiteral("status"), m_options.status },
          { QStringLiteral("type"), m_options.type },
          { QStringLiteral("date_created"), now() },
          { QStringLiteral("date_updated"), now() },
          { QStringLiteral("uri"),
            QStringLiteral("/2010-04-01/Accounts/%1.json").arg(m_options.accountSid) } });
}

Server::HttpResponse AccountResources::list(Kind kind, const QUrlQuery &query, const QString &resource) const
{
    bool sizeOk = true;
    bool pageOk = true;
    const int pageSize = query.hasQueryItem(QStringLiteral("PageSize"))
        ? query.queryItemValue(QStringLiteral("PageSize")).toInt(&sizeOk)
        : 50;
    const int page = query.hasQueryItem(QStringLiteral("Page"))
        ? query.queryItemValue(QStringLiteral("Page")).toInt(&pageOk)
        : 0;
    if (!sizeOk || !pageOk || pageSize < 1 || pageSize > 1000 || page < 0)
        return badRequest(20001, QStringLiteral("PageSize must be 1 to 1000, and Page 0 or more"));
    const QString friendlyName = query.queryItemValue(QStringLiteral("FriendlyName"), QUrl::FullyDecoded);
    const QString phoneNumber = query.queryItemValue(QStringLiteral("PhoneNumber"), QUrl::FullyDecoded);
    QList<QJsonObject> matching;
    for (const QJsonObject &item : itemsOf(kind))
        if ((friendlyName.isEmpty() || item.value(QLatin1String("friendly_name")).toString() == friendlyName)
            && (phoneNumber.isEmpty() || item.value(QLatin1String("phone_number")).toString() == phoneNumber))
            matching.append(item);
    QJsonArray items;
    const qsizetype start = qsizetype(page) * pageSize;
    for (qsizetype i = start; i < std::min<qsizetype>(matching.size(), start + pageSize); ++i) {
        QJsonObject item = matching.at(i);
        item.remove(QStringLiteral("secret")); // never listed
        items.append(item);
    }
    auto pageUri = [&](int number) {
        return uriOf(resource) + QStringLiteral("?PageSize=%1&Page=%2").arg(pageSize).arg(number);
    };
    const bool more = start + pageSize < matching.size();
    const QString listKey = kind == Kind::Number ? QStringLiteral("incoming_phone_numbers")
        : kind == Kind::Application              ? QStringLiteral("applications")
                                                 : QStringLiteral("keys");
    return Server::HttpResponse::json(
        200,
        { { listKey, items },
          { QStringLiteral("page"), page },
          { QStringLiteral("page_size"), pageSize },
          { QStringLiteral("start"), int(start) },
          { QStringLiteral("end"), int(start + items.size() - (items.isEmpty() ? 0 : 1)) },
          { QStringLiteral("uri"), pageUri(page) },
          { QStringLiteral("first_page_uri"), pageUri(0) },
          { QStringLiteral("previous_page_uri"), page > 0 ? QJsonValue(pageUri(page - 1)) : QJsonValue() },
          { QStringLiteral("next_page_uri"), more ? QJsonValue(pageUri(page + 1)) : QJsonValue() } });
}

Server::HttpResponse AccountResources::create(Kind kind, const Webhook::FormParameters &form, QString *what)
{
    for (const QString &name : settable(kind))
        if (const QString problem = fieldProblem(name, form.value(name)); !problem.isEmpty())
            return badRequest(21205, problem);
    const bool isKey = kind == Kind::Key;
    const QString sid = TwilioParameters::newSid(isKey ? QStringLiteral("SK") : QStringLiteral("AP"));
    QJsonObject item { { QStringLiteral("sid"), sid },
                       { QStringLiteral("friendly_name"), form.value(QStringLiteral("FriendlyName")) },
                       { QStringLiteral("date_created"), now() },
                       { QStringLiteral("date_updated"), now() } };
    if (!isKey) {
        item.insert(QStringLiteral("account_sid"), m_options.accountSid);
        item.insert(QStringLiteral("api_version"), QString(TwilioParameters::apiVersion));
        for (const QString &name : settable(kind))
            if (name != QLatin1String("FriendlyName"))
                item.insert(
                    jsonName(name),
                    fieldValue(name,
                               form.value(name,
                                          name.endsWith(QLatin1String("Method")) ? QStringLiteral("POST")
                                                                                 : QString())));
        item.insert(QStringLiteral("voice_caller_id_lookup"), false);
        item.insert(QStringLiteral("uri"), uriOf(QStringLiteral("Applications/%1.json").arg(sid)));
    }
    itemsOf(kind).append(item);
    *what = QStringLiteral("%1 created").arg(sid);
    if (!isKey)
        return Server::HttpResponse::json(201, item);
    const QString keySecret = secret();
    m_keySecrets.insert(sid, keySecret.toLatin1());
    item.insert(QStringLiteral("secret"), keySecret); // shown this once
    return Server::HttpResponse::json(201, item);
}

Server::HttpResponse AccountResources::update(Kind kind, const QString &sid,
                                              const Webhook::FormParameters &form, QString *what)
{
    QList<QJsonObject> &items = itemsOf(kind);
    const auto found = std::find_if(items.begin(), items.end(), [&](const QJsonObject &item) {
        return item.value(QLatin1String("sid")).toString() == sid;
    });
    if (found == items.end())
        return notFound(sid);
    if (m_refused.contains(found->value(QLatin1String("phone_number")).toString()))
        return Server::SimulatedRestApi::twilioError(
            403, 20403, QStringLiteral("Permission denied: these credentials may not change %1").arg(sid));
    const QStringList names = settable(kind);
    for (const QString &name : names)
        if (form.contains(name))
            if (const QString problem = fieldProblem(name, form.value(name)); !problem.isEmpty())
                return badRequest(21205, problem);
    const QString app = form.value(QStringLiteral("VoiceApplicationSid"));
    if (!app.isEmpty()
        && std::none_of(m_applications.cbegin(), m_applications.cend(), [&](const QJsonObject &item) {
               return item.value(QLatin1String("sid")).toString() == app;
           }))
        return badRequest(
            21606,
            QStringLiteral("VoiceApplicationSid %1 is not an application of this account").arg(app.left(40)));
    QStringList changed;
    for (const QString &name : names)
        if (form.contains(name)) {
            found->insert(jsonName(name), fieldValue(name, form.value(name)));
            changed << name;
        }
    found->insert(QStringLiteral("date_updated"), now());
    *what = QStringLiteral("%1 updated: %2").arg(sid, changed.join(QStringLiteral(", ")));
    return Server::HttpResponse::json(200, *found);
}

Server::HttpResponse AccountResources::remove(Kind kind, const QString &sid, QString *what)
{
    QList<QJsonObject> &items = itemsOf(kind);
    const auto found = std::find_if(items.begin(), items.end(), [&](const QJsonObject &item) {
        return item.value(QLatin1String("sid")).toString() == sid;
    });
    if (found == items.end())
        return notFound(sid);
    items.erase(found);
    m_keySecrets.remove(sid);
    if (kind == Kind::Application)
        for (QJsonObject &number : m_numbers)
            if (number.value(QLatin1String("voice_application_sid")).toString() == sid)
                number.insert(QStringLiteral("voice_application_sid"), QJsonValue());
    *what = QStringLiteral("%1 deleted").arg(sid);
    return Server::HttpResponse::noContent();
}

std::optional<QJsonObject> AccountResources::number(const QString &e164) const
{
    const std::lock_guard lock(m_mutex);
    for (const QJsonObject &item : m_numbers)
        if (item.value(QLatin1String("phone_number")).toString() == e164)
            return item;
    return std::nullopt;
}

QList<QJsonObject> AccountResources::applications() const
{
    const std::lock_guard lock(m_mutex);
    return m_applications;
}

QStringList AccountResources::keySids() const
{
    const std::lock_guard lock(m_mutex);
    QStringList sids;
    for (const QJsonObject &key : m_keys)
        sids << key.value(QLatin1String("sid")).toString();
    return sids;
}

void AccountResources::setVoiceUrl(const QString &e164, const QString &url)
{
    const std::lock_guard lock(m_mutex);
    for (QJsonObject &item : m_numbers)
        if (item.value(QLatin1String("phone_number")).toString() == e164)
            item.insert(QStringLiteral("voice_url"), url);
}

void AccountResources::setAccountState(const QString &type, const QString &status)
{
    const std::lock_guard lock(m_mutex);
    m_options.type = type;
    m_options.status = status;
}

void AccountResources::refuseChanges(const QString &e164, bool refused)
{
    const std::lock_guard lock(m_mutex);
    m_refused.removeAll(e164);
    if (refused)
        m_refused.append(e164);
}

} // namespace Simulator
