#include "app/CallScript.h"

#include "core/server/ApiPaths.h"
#include "core/simulator/SimulatedCall.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

namespace App {

bool CallScript::Steps::isEmpty() const
{
    return !holdAfter && !resumeAfter && transferTo.isEmpty() && addParty.isEmpty()
        && secondCallFrom.isEmpty();
}

CallScript::CallScript(QTextStream &out, Server::CallActions &actions, Steps steps, double timeScale,
                       std::function<void(const QString &)> placeSecondCall, QObject *parent)
    : QObject(parent)
    , m_out(out)
    , m_actions(actions)
    , m_steps(std::move(steps))
    , m_timeScale(timeScale > 0 ? timeScale : 1.0)
    , m_placeSecondCall(std::move(placeSecondCall))
{ }

void CallScript::start(Simulator::SimulatedCall *leg, const QString &clientName,
                       std::function<void(bool)> finished)
{
    m_leg = leg;
    m_clientName = clientName;
    m_finished = std::move(finished);
    if (!m_steps.secondCallFrom.isEmpty())
        after(pause, [this] {
            m_out << "  a second call comes in from " << m_steps.secondCallFrom << " while " << m_clientName
                  << " is on the call\n";
            m_out.flush();
            m_placeSecondCall(m_steps.secondCallFrom);
        });
    const Next afterHolds = [this] {
        if (!m_steps.transferTo.isEmpty())
            after(pause, [this] { transfer(); });
        else if (!m_steps.addParty.isEmpty())
            after(pause, [this] { addParty(); });
        else
            after(m_steps.secondCallFrom.isEmpty() ? Seconds(0) : 2 * pause, [this] { finish(); });
    };
    if (!m_steps.holdAfter) {
        afterHolds();
        return;
    }
    after(*m_steps.holdAfter, [this, afterHolds] {
        act(QStringLiteral("holds the caller"), Server::ApiPaths::holdAction(), QString(), false,
            [this, afterHolds] {
                if (!m_steps.resumeAfter)
                    return afterHolds();
                after(*m_steps.resumeAfter, [this, afterHolds] {
                    act(QStringLiteral("takes the caller off hold"), Server::ApiPaths::resumeAction(),
                        QString(), false, afterHolds);
                });
            });
    });
}

void CallScript::after(Seconds delay, const Next &next)
{
    QTimer::singleShot(qRound64(double(delay.count()) / m_timeScale), this, next);
}

void CallScript::act(const QString &doing, const QString &action, const QString &to, bool talkFirst,
                     const Next &next)
{
    if (!m_leg || m_leg->state() != Simulator::SimulatedCall::State::InProgress) {
        m_out << "  " << m_clientName << " is no longer on the call: the script stops\n";
        m_out.flush();
        return finish();
    }
    Server::CallActions::Request request;
    request.clientName = m_clientName;
    request.callSid = m_leg->callSid();
    request.action = action;
    request.to = to;
    request.talkFirst = talkFirst;
    m_actions.perform(
        request, Server::RequestRecord(),
        [this, doing, next](const Server::HttpResponse &response, const Server::RequestRecord &) {
            m_out << "  " << m_clientName << ' ' << doing << ": " << response.status << ' '
                  << QString::fromUtf8(response.body).trimmed() << '\n';
            m_out.flush();
            if (response.status < 200 || response.status >= 300)
                return finish();
            const QJsonObject answer = QJsonDocument::fromJson(response.body).object();
            if (answer.contains(QStringLiteral("label")))
                m_broughtIn = answer.value(QStringLiteral("label")).toString();
            next();
        });
}

void CallScript::whenBroughtInJoined(const Next &next, int triesLeft)
{
    if (!m_leg || triesLeft <= 0)
        return finish();
    m_actions.describe(
        m_clientName, m_leg->callSid(), Server::RequestRecord(),
        [this, next, triesLeft](const Server::HttpResponse &response, const Server::RequestRecord &) {
            QString state;
            for (const QJsonValue party :
                 QJsonDocument::fromJson(response.body).object().value(QStringLiteral("parties")).toArray())
                if (party.toObject().value(QStringLiteral("label")).toString() == m_broughtIn)
                    state = party.toObject().value(QStringLiteral("state")).toString();
            if (state == QLatin1String("joined"))
                return after(pause, next);
            if (response.status != 200
                || (!state.isEmpty() && state != QLatin1String("calling")
                    && state != QLatin1String("answered"))) {
                m_out << "  " << m_broughtIn << " did not join the call ("
                      << (state.isEmpty() ? QStringLiteral("gone") : state) << ")\n";
                m_out.flush();
                return finish();
            }
            QTimer::singleShot(100, this,
                               [this, next, triesLeft] { whenBroughtInJoined(next, triesLeft - 1); });
        });
}

void CallScript::transfer()
{
    const QString doing
        = QStringLiteral("transfers the call to %1%2")
              .arg(m_steps.transferTo, m_steps.warm ? QStringLiteral(", talking first") : QString());
    act(doing, Server::ApiPaths::transferAction(), m_steps.transferTo, m_steps.warm, [this] {
        if (!m_steps.warm)
            return finish(); // the client has left
        whenBroughtInJoined([this] {
            act(QStringLiteral("hands the call over"), Server::ApiPaths::handOverAction(), QString(), false,
                [this] { finish(); });
        });
    });
}

void CallScript::addParty()
{
    act(QStringLiteral("adds %1 to the call").arg(m_steps.addParty), Server::ApiPaths::addAction(),
        m_steps.addParty, false, [this] {
            whenBroughtInJoined([this] {
                act(QStringLiteral("merges the calls"), Server::ApiPaths::resumeAction(), QString(), false,
                    [this] { finish(); });
            });
        });
}

void CallScript::finish()
{
    if (!m_finished)
        return;
    const auto finished = std::exchange(m_finished, {});
    finished(m_leg && m_leg->state() == Simulator::SimulatedCall::State::InProgress);
}

} // namespace App
