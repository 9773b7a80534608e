import { Text, Tooltip } from "@mantine/core";
import dayjs from "dayjs";
import localizedFormat from "dayjs/plugin/localizedFormat.js";
import relativeTime from "dayjs/plugin/relativeTime.js";

dayjs.extend(relativeTime);
dayjs.extend(localizedFormat);

/** "3 minutes ago", with the absolute time in the viewer's zone on hover. */
export function RelativeTime({ iso, size = "sm" }: { iso: string | null; size?: string }) {
  if (!iso) {
    return (
      <Text size={size} c="dimmed" span>
        never
      </Text>
    );
  }
  const at = dayjs(iso);
  const absolute = `${at.format("ddd D MMM YYYY, HH:mm:ss")} (UTC${at.format("Z")})`;
  return (
    <Tooltip label={absolute} withArrow openDelay={200}>
      <Text size={size} span>
        <time dateTime={at.toISOString()}>{at.fromNow()}</time>
      </Text>
    </Tooltip>
  );
}
