import { StyleSheet, View } from 'react-native';
import { type MediaStream, RTCView } from 'react-native-webrtc';
import type { MediaHandle } from './types.ts';

export interface VideoViewProps {
  media: MediaHandle | null;
  mirror?: boolean;
  testID?: string;
  /** Local previews never play their own microphone back. */
  muted?: boolean;
}

/** A full-bleed video on iOS/Android (react-native-webrtc's RTCView). */
export function VideoView({ media, mirror, testID }: VideoViewProps) {
  if (!media) return <View style={StyleSheet.absoluteFill} testID={testID} />;
  return (
    <RTCView
      testID={testID}
      style={StyleSheet.absoluteFill}
      streamURL={(media.native as MediaStream).toURL()}
      objectFit="cover"
      mirror={mirror}
      zOrder={0}
    />
  );
}
