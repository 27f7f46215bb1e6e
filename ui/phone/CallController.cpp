#include "ui/phone/CallController.h"

#include "core/routing/PartyLabel.h"
#include "core/server/ApiPaths.h"

#include <QJsonArray>
#include <QPointer>

namespace Phone {

bool CallParty::isPresent() const
{
    return state == QLatin1String("joined") || state == QLatin1String("answered");
}

bool CallParty::isCalling() const
{
    return state == QLatin1String("calling");
}

bool CallParty::isBroughtIn() const
{
    return Routing::PartyLabel::isBroughtIn(label);
}

CallController::CallController(QObject *parent)
    : QObject(parent)
{
    m_poll.setInterval(pollMs);
    connect(&m_poll, &QTimer::timeout, this, &CallController::refresh);
}

void CallController::setControl(CallControl control)
{
    m_control = std::move(control);
}

void CallController::setCall(const QString &callSid)
{
    if (callSid == m_callSid)
        return;
    m_callSid = callSid;
    ++m_generation;
    m_others.clear();
    m_busy = false;
    m_problem.clear();
    m_lastAction.clear();
    m_connected = false;
    m_poll.stop();
    if (!m_callSid.isEmpty())
        refresh();
    Q_EMIT changed();
}

void CallController::run(const CallRequest &request, const QString &failure)
{
    if (!m_control || m_callSid.isEmpty() || m_busy)
        return;
    m_busy = true;
    m_problem.clear();
    if (!request.action.isEmpty() && request.action != Server::ApiPaths::dropAction())
        m_lastAction = request.action;
    Q_EMIT changed();
    m_control(request,
              [guard = QPointer<CallController>(this), generation = m_generation,
               failure](const Result<QJsonObject> &answer) {
                  if (!guard || guard->m_generation != generation)
                      return;
                  guard->m_busy = false;
                  if (!answer)
                      guard->m_problem = failure.arg(answer.error());
                  guard->refresh();
                  Q_EMIT guard->changed();
              });
}

void CallController::add(const QString &to)
{
    run({ m_callSid, Server::ApiPaths::addAction(), to, false, {} },
        tr("%1 could not be called: %2").arg(to, QStringLiteral("%1")));
}

void CallController::transfer(const QString &to, bool talkFirst)
{
    run({ m_callSid, Server::ApiPaths::transferAction(), to, talkFirst, {} },
        tr("The call could not be transferred to %1: %2").arg(to, QStringLiteral("%1")));
}

void CallController::merge()
{
    run({ m_callSid, Server::ApiPaths::resumeAction(), {}, false, {} },
        tr("The calls could not be merged: %1"));
}

void CallController::handOver()
{
    run({ m_callSid, Server::ApiPaths::handOverAction(), {}, false, {} },
        tr("The call could not be handed over: %1"));
}

void CallController::dropBroughtIn()
{
    const CallParty *party = broughtIn();
    if (!party)
        return;
    run({ m_callSid, Server::ApiPaths::dropAction(), {}, false, party->label },
        tr("%1 could not be hung up: %2").arg(party->address, QStringLiteral("%1")));
}

void CallController::refresh()
{
    if (!m_control || m_callSid.isEmpty())
        return;
    m_control({ m_callSid, {}, {}, false, {} },
              [guard = QPointer<CallController>(this),
               generation = m_generation](const Result<QJsonObject> &answer) {
                  if (!guard || guard->m_generation != generation)
                      return;
                  // A failed read changes nothing shown: the next one may succeed.
                  if (answer)
                      guard->read(*answer);
                  else if (!guard->m_connected)
                      guard->m_poll.start(); // not told yet that the phone is on the call: ask again
              });
}

void CallController::read(const QJsonObject &answer)
{
    QStringList wasCalling;
    for (const CallParty &party : std::as_const(m_others))
        if (party.isBroughtIn() && party.isCalling())
            wasCalling.append(party.label);
    m_others.clear();
    for (const QJsonValue value : answer.value(QStringLiteral("parties")).toArray()) {
        const QJsonObject object = value.toObject();
        CallParty party { object.value(QStringLiteral("label")).toString(),
                          object.value(QStringLiteral("address")).toString(),
                          object.value(QStringLiteral("state")).toString(),
                          object.value(QStringLiteral("onHold")).toBool(),
                          object.value(QStringLiteral("you")).toBool() };
        if (party.you) {
            m_connected = party.isPresent();
            continue;
        }
        m_others.append(party);
        // The one being called never came: say so, in a sentence that says where the call is now.
        if (wasCalling.contains(party.label) && !party.isCalling() && !party.isPresent()
            && party.state != QLatin1String("canceled"))
            m_problem = (party.state == QLatin1String("busy") ? tr("%1 is busy.") : tr("%1 did not answer."))
                            .arg(party.address)
                + u' '
                + (m_lastAction == Server::ApiPaths::transferAction()
                           || m_lastAction == Server::ApiPaths::addAction()
                       ? tr("You are back on the call.")
                       : QString());
    }
    // Asked again while something moves: a party being called, or more than two on the call.
    int present = 0;
    bool calling = false;
    for (const CallParty &party : std::as_const(m_others)) {
        present += party.isPresent() ? 1 : 0;
        calling = calling || (party.isBroughtIn() && party.isCalling());
    }
    // Also while the server has not yet seen this phone join: the phone knows first that it answered.
    if (calling || present > 1 || !m_connected)
        m_poll.start();
    else
        m_poll.stop();
    Q_EMIT changed();
}

const CallParty *CallController::broughtIn() const
{
    const bool someoneHeld = std::any_of(m_others.cbegin(), m_others.cend(), [](const CallParty &party) {
        return party.isPresent() && party.onHold;
    });
    for (const CallParty &party : m_others)
        if (party.isBroughtIn() && (party.isCalling() || (party.isPresent() && !party.onHold && someoneHeld)))
            return &party;
    return nullptr;
}

bool CallController::canBringIn() const
{
    const bool connected = std::any_of(m_others.cbegin(), m_others.cend(),
                                       [](const CallParty &party) { return party.isPresent(); });
    return isAvailable() && connected && m_connected && !m_busy && !broughtIn();
}

bool CallController::canMerge() const
{
    bool held = false;
    bool talking = false;
    for (const CallParty &party : m_others) {
        held = held || (party.isPresent() && party.onHold);
        talking = talking || (party.isPresent() && !party.onHold);
    }
    return !m_busy && held && talking;
}

bool CallController::canHandOver() const
{
    int talking = 0;
    bool held = false;
    for (const CallParty &party : m_others) {
        talking += party.isPresent() && !party.onHold ? 1 : 0;
        held = held || (party.isPresent() && party.onHold);
    }
    return !m_busy && talking > 0 && (held || talking > 1);
}

QString CallController::stateText(const std::function<QString(const QString &)> &nameOf) const
{
    QStringList held;
    QStringList talking;
    for (const CallParty &party : m_others) {
        if (party.isPresent())
            (party.onHold ? held : talking).append(nameOf(party.address));
    }
    const bool transferring = m_lastAction == Server::ApiPaths::transferAction();
    if (const CallParty *party = broughtIn(); party && party->isCalling())
        return (transferring ? tr("Transferring to %1…") : tr("Calling %1…")).arg(nameOf(party->address));
    if (!held.isEmpty() && !talking.isEmpty())
        return tr("Talking to %1; %2 on hold").arg(talking.join(tr(" and ")), held.join(tr(" and ")));
    if (talking.size() > 1)
        return tr("%1 people on the call").arg(talking.size() + 1);
    return QString();
}

} // namespace Phone
