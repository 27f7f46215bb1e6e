#pragma once

// For the widget tests: user data (caller names, number labels, client names, typed text) that looks like
// markup must show as it is, never as rich text. A QLabel in Qt::AutoText guesses rich text from the text.

#include <QLabel>
#include <QStringList>
#include <QTextDocument>
#include <QWidget>

namespace MarkupLabels {

// Looks like rich text to Qt, and would load an image if rendered.
inline const QString markup = QStringLiteral("<b>bold</b><img src=x>");

// The labels under root whose text holds markup, each as "objectName: text [format]".
inline QStringList labelsShowing(const QWidget *root, const QString &text = markup)
{
    QStringList found;
    for (const QLabel *label : root->findChildren<QLabel *>()) {
        if (label->text().contains(text))
            found << QStringLiteral("%1: %2 [%3]")
                         .arg(label->objectName(), label->text())
                         .arg(label->textFormat() == Qt::PlainText ? "plain" : "not plain");
    }
    return found;
}

// How a tool tip reads on screen (QToolTip guesses rich text as QLabel does).
inline QString toolTipAsShown(const QString &toolTip)
{
    QTextDocument document;
    if (Qt::mightBeRichText(toolTip))
        document.setHtml(toolTip);
    else
        document.setPlainText(toolTip);
    return document.toPlainText();
}

} // namespace MarkupLabels
