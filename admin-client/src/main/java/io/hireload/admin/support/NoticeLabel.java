package io.hireload.admin.support;

import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;

/** Shows a view-model's {@link Notice}, coloured by its kind through the style sheet. */
public final class NoticeLabel extends Label {

    public NoticeLabel(String id, ObservableValue<Notice> notice) {
        setId(id);
        getStyleClass().add("notice");
        setWrapText(true);
        setMaxWidth(Double.MAX_VALUE);
        show(notice.getValue());
        notice.addListener((obs, old, now) -> show(now));
    }

    private void show(Notice notice) {
        Notice shown = notice == null ? Notice.NONE : notice;
        getStyleClass().removeAll("notice-info", "notice-success", "notice-error");
        getStyleClass().add("notice-" + shown.kind().name().toLowerCase(java.util.Locale.ROOT));
        setText(shown.text());
    }
}
