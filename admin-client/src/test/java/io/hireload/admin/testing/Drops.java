package io.hireload.admin.testing;

import com.sun.javafx.scene.input.DragboardHelper;
import com.sun.javafx.tk.TKClipboard;
import javafx.event.Event;
import javafx.event.EventTarget;
import javafx.event.EventType;
import javafx.scene.input.DataFormat;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;

import java.io.File;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Set;

/**
 * Drag events carrying files, fired at a node as the scene fires them during a drag from the
 * desktop. Headless Monocle has no native drag source, so the dragboard is built here on a small
 * clipboard peer (JavaFX's own toolkit interface) holding the files; the handlers under test get
 * real {@link DragEvent}s with a real {@link Dragboard}.
 */
public final class Drops {
    private Drops() {
    }

    /** Fires {@code type} with {@code files} at {@code target}; answers the event to read its outcome. */
    public static DragEvent fire(EventTarget target, EventType<DragEvent> type, List<File> files) {
        Dragboard board = DragboardHelper.createDragboard(clipboard(files));
        // the scene lifts this restriction while it dispatches a drag: the handlers may read the files
        DragboardHelper.setDataAccessRestriction(board, false);
        DragEvent event = new DragEvent(type, board, 10, 10, 10, 10, TransferMode.COPY, null, null, null);
        Event.fireEvent(target, event);
        return event;
    }

    private static TKClipboard clipboard(List<File> files) {
        return (TKClipboard) Proxy.newProxyInstance(Drops.class.getClassLoader(), new Class<?>[] {TKClipboard.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getContentTypes" -> Set.of(DataFormat.FILES);
                    case "getContent" -> DataFormat.FILES.equals(args[0]) ? List.copyOf(files) : null;
                    case "hasContent" -> DataFormat.FILES.equals(args[0]);
                    case "getTransferModes" -> Set.of(TransferMode.COPY);
                    case "putContent" -> false;
                    case "getDragViewOffsetX", "getDragViewOffsetY" -> 0.0;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "files " + files;
                    default -> null;
                });
    }
}
