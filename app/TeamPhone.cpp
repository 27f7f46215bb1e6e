#include "app/TeamPhone.h"

#include "core/server/ApiPaths.h"
#include "core/team/CallControlClient.h"
#include "core/team/CallHistoryClient.h"
#include "core/team/TokenClient.h"
#include "ui/phone/PhoneView.h"
#include "ui/phone/VoicemailPanel.h"

#include <QLabel>
#include <QPointer>
#include <QTimer>

namespace App {

TeamPhone::TeamPhone(Team::ServerAccount account)
    : m_account(std::move(account))
    , m_tokens(std::make_unique<Team::TokenClient>(m_account))
    , m_history(std::make_unique<Team::CallHistoryClient>(m_account))
{ }

TeamPhone::~TeamPhone() = default;

Engine::PhoneBridge::TokenProvider TeamPhone::tokenProvider() const
{
    return [tokens = m_tokens.get(),
            offered = m_callControlOffered](const Engine::PhoneBridge::TokenDone &done) {
        tokens->fetch([offered, done](Result<Token::IssuedToken> token) {
            if (token && *offered)
                (*offered)(token->callControl);
            done(std::move(token));
        });
    };
}

void TeamPhone::offerCallControl(Phone::PhoneView *phone)
{
    m_calls = std::make_unique<Team::CallControlClient>(m_account);
    const Phone::CallControl control
        = [calls = m_calls.get()](const Phone::CallRequest &request,
                                  std::function<void(Result<QJsonObject>)> done) {
              if (request.action.isEmpty()) {
                  calls->fetch(request.callSid, std::move(done));
                  return;
              }
              Webhook::FormParameters form;
              if (!request.to.isEmpty())
                  form.append(QStringLiteral("to"), request.to);
              if (request.action == Server::ApiPaths::transferAction())
                  form.append(QStringLiteral("talkFirst"),
                              request.talkFirst ? QStringLiteral("true") : QStringLiteral("false"));
              if (!request.label.isEmpty())
                  form.append(QStringLiteral("label"), request.label);
              calls->act(request.callSid, request.action, form, std::move(done));
          };
    bool offered = false;
    *m_callControlOffered = [guard = QPointer<Phone::PhoneView>(phone), control, offered](bool on) mutable {
        if (!guard || on == offered)
            return;
        offered = on;
        guard->setCallControl(on ? control : Phone::CallControl());
    };
}

Phone::RecentCallsList::Source TeamPhone::recentCalls() const
{
    return [history = m_history.get()](const std::function<void(Phone::RecentCallsList::Calls)> &done) {
        history->fetch(Phone::RecentCallsList::maxCalls, done);
    };
}

void TeamPhone::keepCurrent(Phone::RecentCallsList *list, Engine::PhoneBridge *bridge,
                            std::chrono::milliseconds interval)
{
    // Read once now, so that the tab is full when the person opens it. After that the server tells nobody
    // when its log changes: the list asks, and callLogChanged() reads only while it is shown.
    list->refresh();
    auto *poll = new QTimer(list);
    poll->setInterval(interval);
    QObject::connect(poll, &QTimer::timeout, list, &Phone::RecentCallsList::callLogChanged);
    poll->start();
    QObject::connect(bridge, &Engine::PhoneBridge::stateChanged, list,
                     [list](Engine::PhoneBridge::State state) {
                         if (state == Engine::PhoneBridge::State::Ready)
                             list->callLogChanged();
                     });
}

void TeamPhone::keepCurrent(Phone::VoicemailPanel *voicemail, Engine::PhoneBridge *bridge,
                            std::chrono::milliseconds interval)
{
    voicemail->refresh();
    auto *poll = new QTimer(voicemail);
    poll->setInterval(interval);
    QObject::connect(poll, &QTimer::timeout, voicemail, &Phone::VoicemailPanel::refresh);
    poll->start();
    QObject::connect(bridge, &Engine::PhoneBridge::stateChanged, voicemail,
                     [voicemail](Engine::PhoneBridge::State state) {
                         if (state == Engine::PhoneBridge::State::Ready)
                             voicemail->refresh();
                     });
}

QWidget *TeamPhone::managedElsewherePage() const
{
    auto *page = new QLabel(
        tr("<p>This phone signs in to the team's Switchboard server, <b>%1</b>, as client <b>%2</b>. It "
           "keeps no Twilio secret and no database of its own.</p>"
           "<p>Numbers, clients and the call log are managed on that server: with "
           "<tt>switchboard-server</tt> "
           "(<tt>number add</tt>, <tt>client add</tt>, <tt>calls list</tt>), or from a desktop that is not "
           "signed in to a team and opens the server's database (Settings, Database).</p>"
           "<p>To use this desktop on its own again, clear the team server in Settings.</p>")
            .arg(m_account.server.toDisplayString().toHtmlEscaped(), m_account.client.toHtmlEscaped()));
    page->setWordWrap(true);
    page->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    page->setTextFormat(Qt::RichText);
    page->setMargin(16);
    page->setAccessibleName(tr("Managed on the team's server"));
    return page;
}

} // namespace App
